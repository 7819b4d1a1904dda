import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { search, type Estimate } from "../../src/index.js";
import { readDb } from "../support/db.js";
import { WORLD } from "../support/sim/fixture.js";
import { simServers } from "../support/sim/per-test.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";

const sims = simServers();

/** A world whose proposer has many distinct instructions. */
const MANY = {
  ...WORLD,
  proposals: ["Write", "Give", "Say", "State"].flatMap((v) =>
    ["the antonym of", "the opposite of", "a rhyme for"].flatMap((w) => [`${v} ${w} the word.`, `${v} ${w} the input.`]),
  ),
};

describe("the estimate is built from the search's own plan", () => {
  // With exhaustive selection nothing stops early, and with one prompt per request a call is a
  // request: the estimate made once the pool is known must then name exactly the calls the search makes.
  for (const scorer of ["exec", "logprob"] as const) {
    it(`names every call the search then makes, per role (${scorer}, both modes)`, async () => {
      const server = await sims.start({ world: MANY, seed: 7 });
      const dir = tempDir();
      const db = join(dir, "a.db");
      let refined: Estimate | undefined;
      await search({
        task: writeWorldTask(dir),
        model: "vllm:sim-model",
        baseUrls: [server.url],
        candidates: 12,
        db,
        seed: 1,
        selector: "exhaustive",
        batch: 1,
        mode: "both",
        scorer,
        onEvent: (e) => {
          if (e.type === "estimate" && e.basis === "proposals") refined = e.estimate;
        },
      });
      const made = Object.fromEntries(readDb<{ role: string; n: number }>(db, "SELECT role, COUNT(*) AS n FROM calls GROUP BY role").map((r) => [r.role, r.n]));
      expect({ proposer: refined?.proposer.calls, target: refined?.target.calls }).toEqual(made);
    });
  }
});
