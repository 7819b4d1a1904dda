/**
 * A winner that is word for word a human reference is shown as one wherever the winner is shown,
 * the reference is not dropped from the references, the chart sets the winner beside the *other*
 * references, and a winner that only won a tie is said to have.
 */
import { describe, expect, it } from "vitest";
import { finalsFigure } from "../../src/report/html/report-charts.js";
import { renderReport } from "../../src/report/html/page.js";
import { readRunView } from "../../src/report/run-view.js";
import { runText } from "../../src/report/run-text.js";
import { leaderboard } from "../../src/report/leaderboard.js";
import { readResult } from "../../src/read-result.js";
import { tieSentence } from "../../src/report/honest.js";
import type { Store } from "../../src/store/store.js";
import { storeWithRun } from "../support/store.js";

const REFERENCES = ["Write the antonym of the word.", "Give the opposite."];

/** Run r1: the winner is the first reference's text (the same row), a runner-up, and the second reference. */
function run(): { store: Store; winner: number; other: number } {
  const s = storeWithRun({ config: JSON.stringify({ references: REFERENCES }) });
  const winner = s.addCandidate("r1", { text: REFERENCES[0] ?? "", origin: "forward" }).id;
  const second = s.addCandidate("r1", { text: "Name a word that means the reverse.", origin: "forward" }).id;
  // The flow adds the references after the proposals: the first finds the winner's row.
  expect(s.addCandidate("r1", { text: REFERENCES[0] ?? "", origin: "reference" }).id).toBe(winner);
  const other = s.addCandidate("r1", { text: REFERENCES[1] ?? "", origin: "reference" }).id;
  const scores: [number, number[]][] = [
    [winner, [1, 1, 1, 1]],
    [second, [1, 0, 1, 1]],
    [other, [0, 0, 1, 0]],
  ];
  for (const [id, xs] of scores) {
    xs.forEach((x, i) => {
      s.addEvaluation("r1", id, "test", `t${i}`, null, x);
    });
    s.updateCandidate(id, { testScore: xs.reduce((a, b) => a + b, 0) / xs.length, testCount: xs.length });
  }
  s.updateCandidate(winner, { score: 0.9, evalCount: 20, rank: 1, history: [{ round: 0, stage: 0, mean: 0.9, count: 20 }] });
  s.updateCandidate(second, { score: 0.8, evalCount: 20, rank: 2, history: [{ round: 0, stage: 0, mean: 0.8, count: 20 }] });
  return { store: s, winner, other };
}

describe("a winner that is a human reference", () => {
  it("is marked in `ape show` and `ape search`, and still listed among the references", () => {
    const { store: s, winner } = run();
    const view = readRunView(s, "r1");
    expect(view.references.map((r) => r.row.text)).toEqual(REFERENCES);
    const text = runText(view, 10);
    expect(text).toMatch(/^\s+1\s+\d+\s.*forward = human reference\s+survived\s+Write the antonym/m);
    expect(text).toContain(`Write the antonym of the word. (also candidate ${winner}, rank 1)`);
    const result = readResult(s, "r1");
    expect(result.winner?.equalsReference).toBe(true);
    expect(result.candidates[1]?.equalsReference).toBe(false);
    expect(leaderboard(result)).toMatch(/forward = human reference\s+Write the antonym/);
    s.close();
  });

  it("is set beside the other references in the report's chart, never beside itself", () => {
    const { store: s, winner, other } = run();
    const view = readRunView(s, "r1");
    const svg = finalsFigure(view).svg;
    expect(svg).toContain(`winner = human reference #${winner}`);
    expect(svg).toContain(`reference #${other}`);
    expect(svg.match(new RegExp(`#${winner}\\b`, "g"))?.length).toBeGreaterThan(0);
    expect(svg).not.toContain(`>reference #${winner}`);
    const html = renderReport(s, "r1");
    expect(html).toContain("<strong>= human reference</strong>");
    expect(html).toContain("<h2>Human references</h2>");
    s.close();
  });

  it("counts one that differs only in case and end punctuation, and not one that differs in words", () => {
    const s = storeWithRun({ config: JSON.stringify({ references: REFERENCES }) });
    const alike = s.addCandidate("r1", { text: "write the ANTONYM of the word", origin: "forward" }).id;
    s.addCandidate("r1", { text: "Write the antonym of this word.", origin: "forward" });
    s.updateCandidate(alike, { score: 1, evalCount: 20, rank: 1 });
    const result = readResult(s, "r1");
    expect(result.candidates.map((c) => c.equalsReference)).toEqual([true, false]);
    s.close();
  });
});

describe("a tie", () => {
  it("is said when others scored the same on as many examples, and not otherwise", () => {
    expect(
      tieSentence([
        { id: 4, score: 0.75, evalCount: 20 },
        { id: 9, score: 0.75, evalCount: 20 },
        { id: 2, score: 0.75, evalCount: 12 },
      ]),
    ).toBe("tie: candidate 9 scored exactly as the winner (0.750) on the same 20 eval examples; the seed, not the scores, put candidate 4 first");
    expect(
      tieSentence([
        { id: 4, score: 0.8, evalCount: 20 },
        { id: 9, score: 0.75, evalCount: 20 },
      ]),
    ).toBeUndefined();
  });
});
