import { describe, expect, it } from "vitest";
import { readDb } from "../support/db.js";
import { simServers } from "../support/sim/per-test.js";
import { RICH_WORLD, runSearch } from "./support.js";

const sims = simServers();

type Child = { id: number; origin: string; parent_id: number | null; round: number; proposer_prompt: string };
type Link = { candidate_id: number; parent_id: number; position: number; shown: string | null };
type Row = { example_id: string; output: string | null; score: number };

describe("reflective refinement (--refine reflect)", () => {
  it("shows each parent's real failures from the stored run, and stores who was shown what", async () => {
    const server = await sims.world({ world: RICH_WORLD });
    const { db, result } = await runSearch(server, "vllm:sim-model", { candidates: 6, rounds: 2, topK: 2, variants: 2, refine: "reflect", cache: false });
    expect(result.status).toBe("done");
    const children = readDb<Child>(db, "SELECT id, origin, parent_id, round, proposer_prompt FROM candidates WHERE origin = 'reflect'");
    expect(children.length).toBeGreaterThan(0);
    const parents = new Map(readDb<{ id: number; text: string; round: number }>(db, "SELECT id, text, round FROM candidates").map((c) => [c.id, c]));
    let failuresShown = 0;
    for (const child of children) {
      const links = readDb<Link>(db, "SELECT * FROM lineage WHERE candidate_id = ?", child.id);
      expect(links.map((l) => l.parent_id)).toEqual([child.parent_id]);
      const parent = parents.get(child.parent_id ?? -1);
      expect(parent?.round).toBeLessThan(child.round);
      expect(child.proposer_prompt).toContain(`Instruction:\n${parent?.text}\n`);
      const stored = new Map(
        readDb<Row>(db, "SELECT example_id, output, score FROM evaluations WHERE candidate_id = ? AND split = 'eval'", child.parent_id).map((r) => [
          r.example_id,
          r,
        ]),
      );
      const shown = JSON.parse(links[0]?.shown ?? "[]") as { example: string; score: number; failed: boolean }[];
      expect(shown.length).toBeGreaterThan(0);
      for (const s of shown) {
        const row = stored.get(s.example);
        expect(row?.score).toBe(s.score);
        expect(s.failed).toBe(s.score === 0);
        // The fixture task's example N is `wordN` → `opposite-N`; a failure shows what the target really answered.
        const block = `Input: word${s.example}\nExpected: opposite-${s.example}`;
        expect(child.proposer_prompt).toContain(s.score === 0 ? `${block}\nGot: ${row?.output}` : block);
        if (s.score === 0) failuresShown++;
      }
      expect(shown.filter((s) => s.score === 0).length).toBeLessThanOrEqual(4);
      expect(shown.filter((s) => s.score === 1).length).toBeLessThanOrEqual(2);
      expect(child.proposer_prompt).not.toContain("Feedback:");
    }
    expect(failuresShown).toBeGreaterThan(0);
  });
});
