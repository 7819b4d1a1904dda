import { describe, expect, it } from "vitest";
import { candidateText } from "../../src/report/candidate-text.js";
import { readCandidateDetail } from "../../src/report/candidate-detail.js";
import type { Store } from "../../src/store/store.js";
import { storeWithRun } from "../support/store.js";

/** A small run built by hand: a forward parent, a resampled child that won, a reference. */
function store(): { store: Store; parent: number; child: number } {
  const s = storeWithRun({ id: "run1", task_file: "/nonexistent/task.json", target: "q" });
  const parent = s.addCandidate("run1", {
    text: "Give the opposite.",
    origin: "forward",
    demoIds: ["1", "2"],
    proposerPrompt: "demos…\nThe instruction was to",
  }).id;
  const child = s.addCandidate("run1", {
    text: "Give the antonym, the opposite.",
    origin: "resample",
    parentId: parent,
    round: 1,
    proposerPrompt: "Generate a variation of:\nInstruction:\nGive the opposite.",
  }).id;
  s.addEvaluation("run1", child, "eval", "a", "cold", 1);
  s.addEvaluation("run1", child, "eval", "b", "wrong", 0);
  s.addEvaluation("run1", child, "eval", "c", "up", 1);
  s.updateCandidate(child, {
    score: 2 / 3,
    evalCount: 3,
    rank: 1,
    history: [
      { round: 1, stage: 0, mean: 1, count: 1 },
      { round: 1, stage: 1, mean: 2 / 3, count: 3 },
    ],
  });
  s.updateCandidate(parent, { score: 0.5, evalCount: 2, rank: 2, droppedAt: 0, history: [{ round: 0, stage: 0, mean: 0.5, count: 2 }] });
  return { store: s, parent, child };
}

describe("a candidate in full", () => {
  it("shows the parent's text, the round, the history and failures first, and says why inputs are missing", async () => {
    const { store: s, parent, child } = store();
    const text = candidateText(await readCandidateDetail(s, "run1", child), 10);
    expect(text).toContain(`candidate ${child} of run run1 (t): rank 1 of 2`);
    expect(text).toContain("origin:     resample (round 1)");
    expect(text).toContain(`parent:     candidate ${parent} (forward, eval 0.500):\n    Give the opposite.`);
    expect(text).toMatch(/round\s+stage\s+mean\s+n\n\s+1\s+0\s+1\.000\s+1\n\s+1\s+1\s+0\.667\s+3\n/);
    expect(text).toContain("proposer prompt (exact):\n    Generate a variation of:\n    Instruction:\n    Give the opposite.");
    expect(text).toContain("inputs not shown: the task file /nonexistent/task.json could not be read");
    const rows = text.split("\n").filter((l) => l.startsWith("eval "));
    expect(rows[0]).toMatch(/^eval\s+b\s+0\.000\s+\?\s+\?\s+wrong$/);
    expect(rows).toHaveLength(3);
    s.close();
  });

  it("shows a dropped candidate's fate and the demos it was proposed from", async () => {
    const { store: s, parent } = store();
    const text = candidateText(await readCandidateDetail(s, "run1", parent), 10);
    expect(text).toContain("(dropped at stage 0)");
    expect(text).toContain("demos:      examples 1, 2 were shown to the proposer");
    s.close();
  });
});
