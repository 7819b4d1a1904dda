import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { estimate, search, type SearchEvent, type SearchOptions } from "../../src/index.js";
import { readDb } from "../support/db.js";
import { WORLD } from "../support/sim/fixture.js";
import { simServers } from "../support/sim/per-test.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";
import { expectWithinEstimate } from "../support/estimate-check.js";

const sims = simServers();

/**
 * A world with 48 instructions at each level of the rule (none, either or both of its keywords),
 * so that reflections, merges and variants rarely repeat one another.
 */
const LEVELS = {
  ...WORLD,
  proposals: ["Write", "Give", "Say", "State", "Name", "Return", "Produce", "Output"].flatMap((verb) =>
    ["word", "input", "given word", "term", "token", "item"].flatMap((noun) => [
      `${verb} a rhyme for the ${noun}.`,
      `${verb} the antonym of the ${noun}.`,
      `${verb} the opposite of the ${noun}.`,
      `${verb} the antonym, the opposite of the ${noun}.`,
    ]),
  ),
};

describe("the estimate of refining rounds", () => {
  for (const [selector, seed] of [
    ["exhaustive", 3],
    ["multistage", 5],
  ] as const) {
    it(`plans the calls and tokens of a search with reflect rounds within 15%, and never fewer calls (${selector})`, async () => {
      const server = await sims.start({ world: LEVELS, seed: 7 });
      const dir = tempDir();
      const db = join(dir, "a.db");
      const options: SearchOptions = {
        task: writeWorldTask(dir),
        model: "vllm:sim-model",
        baseUrls: [server.url],
        candidates: 12,
        rounds: 2,
        refine: "reflect",
        selector,
        db,
        seed,
      };
      const planned = await estimate(options);
      const events: SearchEvent[] = [];
      const result = await search({ ...options, onEvent: (e) => events.push(e) });
      // Both rounds ran, each with reflections and a merge.
      expect(events.filter((e) => e.type === "round").map((e) => e.type === "round" && e.round)).toEqual([0, 1, 2]);
      const origins = readDb<{ origin: string; round: number }>(db, "SELECT DISTINCT origin, round FROM candidates WHERE round > 0 ORDER BY round, origin");
      expect(origins).toEqual([
        { origin: "merge", round: 1 },
        { origin: "reflect", round: 1 },
        { origin: "merge", round: 2 },
        { origin: "reflect", round: 2 },
      ]);
      expectWithinEstimate(result.totals, planned);
      // The proposer's side, where the reflections' long prompts are: its calls exactly, its prompt tokens within 15%.
      const proposer = readDb<{ calls: number; prompt: number }>(
        db,
        "SELECT count(*) AS calls, sum(prompt_tokens) AS prompt FROM calls WHERE role = 'proposer' AND kind = 'generate'",
      )[0];
      expect(proposer?.calls).toBe(planned.proposer.calls);
      expect(Math.abs((proposer?.prompt ?? 0) - planned.proposer.promptTokens) / planned.proposer.promptTokens).toBeLessThan(0.15);
    });
  }
});
