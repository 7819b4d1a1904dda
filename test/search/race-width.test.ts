import { describe, expect, it } from "vitest";
import { BudgetError, type SearchResult } from "../../src/index.js";
import { resolve } from "../../src/options/search-options.js";
import { runRaceWidth } from "../../src/search/race-width.js";
import { simServers } from "../support/sim/per-test.js";
import { RICH_WORLD, runSearch } from "./support.js";
import { readDb } from "../support/db.js";
import { tempDir } from "../support/temp.js";
import { join } from "node:path";

const sims = simServers();

/** Every candidate's selection outcome: what must not depend on how the run was sent. */
function outcome(result: SearchResult): unknown {
  return result.candidates.map((c) => [c.text, c.score, c.evalCount, c.rank, c.droppedAt, c.history]);
}

describe("the race width is a setting of the run (against the simulated vLLM server)", () => {
  it("a concurrency limit does not change the ranking; another --race-width is another run", async () => {
    const server = await sims.world({ world: RICH_WORLD });
    const wide = { candidates: 30, concurrency: 32, batch: 1, seed: 3 } as const;
    const whole = await runSearch(server, "vllm:sim-model", wide);
    const narrow = await runSearch(server, "vllm:sim-model", { ...wide, concurrency: 2 });
    expect(outcome(narrow.result)).toEqual(outcome(whole.result));
    const other = await runSearch(server, "vllm:sim-model", { ...wide, raceWidth: 1 }, whole.db);
    expect(other.result.runId).not.toBe(whole.result.runId);
    expect(outcome(other.result)).not.toEqual(outcome(whole.result));
  });

  it("a run continued with another --concurrency races as it began and ends as it would have", async () => {
    const server = await sims.world({ world: RICH_WORLD });
    const wide = { candidates: 30, concurrency: 32, batch: 1, seed: 3, raceWidth: 5 } as const;
    const whole = await runSearch(server, "vllm:sim-model", wide);
    // Stopped by its budget during selection, then continued at concurrency 2 with no cap.
    const db = join(tempDir(), "ape.db");
    const calls = Math.floor(whole.result.totals.calls * 0.6);
    await expect(runSearch(server, "vllm:sim-model", { ...wide, budget: { maxCalls: calls } }, db)).rejects.toBeInstanceOf(BudgetError);
    const continued = await runSearch(server, "vllm:sim-model", { ...wide, concurrency: 2 }, db);
    expect(continued.result.runId).toBe(readDb<{ id: string }>(db, "SELECT id FROM runs")[0]?.id);
    expect(outcome(continued.result)).toEqual(outcome(whole.result));
  });
});

describe("runRaceWidth", () => {
  const r = resolve({ concurrency: 16, batch: 4, raceWidth: 4 });

  it("takes the stored width of a run being continued", () => {
    expect(runRaceWidth(JSON.stringify({ raceWidth: 2, concurrency: 32, batch: 1 }), r)).toBe(2);
  });

  it("gives a run stored before the width was a setting the width its concurrency and batch gave", () => {
    expect(runRaceWidth(JSON.stringify({ concurrency: 32, batch: 1, seed: 0 }), r)).toBe(3);
    expect(runRaceWidth(JSON.stringify({ concurrency: 4, batch: 16, seed: 0 }), r)).toBe(2);
  });

  it("uses these options for a new run, or a stored config without usable values", () => {
    expect(runRaceWidth(undefined, r)).toBe(4);
    expect(runRaceWidth("not json", r)).toBe(4);
    expect(runRaceWidth(JSON.stringify({ raceWidth: 0, concurrency: "many", batch: 0 }), r)).toBe(4);
  });
});
