import { describe, expect, it } from "vitest";
import { BudgetError, type SearchResult } from "../../src/index.js";
import { resolve } from "../../src/options.js";
import { runSlots } from "../../src/search/slots.js";
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

describe("selection slots are a setting of the run", () => {
  it("a run continued with another --concurrency races as it began and ends as it would have", async () => {
    const server = await sims.world({ world: RICH_WORLD });
    const wide = { candidates: 30, concurrency: 32, batch: 1, seed: 3 } as const;
    const whole = await runSearch(server, "vllm:sim-model", wide);
    // The width follows the slots: the same search at concurrency 2 races otherwise.
    const narrow = await runSearch(server, "vllm:sim-model", { ...wide, concurrency: 2 });
    expect(outcome(narrow.result)).not.toEqual(outcome(whole.result));

    // Stopped by its budget during selection, then continued at concurrency 2 with no cap.
    const db = join(tempDir(), "ape.db");
    const calls = Math.floor(whole.result.totals.calls * 0.6);
    await expect(runSearch(server, "vllm:sim-model", { ...wide, budget: { maxCalls: calls } }, db)).rejects.toBeInstanceOf(BudgetError);
    const continued = await runSearch(server, "vllm:sim-model", { ...wide, concurrency: 2 }, db);
    expect(continued.result.runId).toBe(readDb<{ id: string }>(db, "SELECT id FROM runs")[0]?.id);
    expect(outcome(continued.result)).toEqual(outcome(whole.result));
  });
});

describe("runSlots", () => {
  const r = resolve({ concurrency: 16, batch: 4 });

  it("takes the stored concurrency and batch of a run being continued", () => {
    expect(runSlots(JSON.stringify({ concurrency: 32, batch: 1, seed: 0 }), r)).toEqual({ requests: 32, promptsPerRequest: 1 });
  });

  it("uses these options for a new run, or a stored config without usable values", () => {
    expect(runSlots(undefined, r)).toEqual({ requests: 16, promptsPerRequest: 4 });
    expect(runSlots("not json", r)).toEqual({ requests: 16, promptsPerRequest: 4 });
    expect(runSlots(JSON.stringify({ concurrency: "many", batch: 0 }), r)).toEqual({ requests: 16, promptsPerRequest: 4 });
  });
});
