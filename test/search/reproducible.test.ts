import { describe, expect, it } from "vitest";
import type { SearchResult } from "../../src/index.js";
import { simServers } from "../support/sim/per-test.js";
import { prompts, requests, RICH_WORLD, runSearch } from "./support.js";
import { readDb } from "../support/db.js";

const sims = simServers();

/** What must repeat exactly: every candidate's text, origin, score, rank and selection history. */
function outcome(result: SearchResult): unknown {
  return result.candidates.map((c) => [c.text, c.origin, c.parentId === null, c.round, c.score, c.evalCount, c.rank, c.droppedAt, c.history, c.testScore]);
}

/** Whether a logged completions request is a proposal (not an evaluation, not a probe). */
function isProposal(body: Record<string, unknown>): boolean {
  return prompts(body).some((p) => !p.trimEnd().endsWith("Output:") && p.length > 40);
}

describe("one --seed makes a run reproducible", () => {
  it("repeats exactly from a warm cache in a new run, paying for nothing", async () => {
    const server = await sims.world({ world: RICH_WORLD, logLimit: Infinity });
    const options = { candidates: 8, rounds: 1, topK: 2, variants: 3, seed: 5 } as const;
    const first = await runSearch(server, "vllm:sim-model", options);
    expect(first.result.totals.calls).toBeGreaterThan(0);
    expect(requests(server, "/v1/completions", isProposal).length).toBeGreaterThan(0);
    server.stats.reset();
    const again = await runSearch(server, "vllm:sim-model", { ...options, resume: false }, first.db);
    expect(again.result.runId).not.toBe(first.result.runId);
    expect(outcome(again.result)).toEqual(outcome(first.result));
    expect(again.result.totals.calls).toBe(0);
    expect(again.result.totals.cachedCalls).toBeGreaterThan(0);
    // Only the capability probe reaches the server; no proposal or evaluation is asked again.
    expect(requests(server, "/v1/completions", (b) => prompts(b).some((p) => p.trimEnd().endsWith("Output:")))).toHaveLength(0);
    expect(requests(server, "/v1/completions", isProposal)).toHaveLength(0);
    const demos = (run: string): unknown[] =>
      readDb<{ demo_ids: string | null }>(first.db, "SELECT demo_ids FROM candidates WHERE run_id = ? ORDER BY id", run).map((r) => r.demo_ids);
    expect(demos(again.result.runId)).toEqual(demos(first.result.runId));
  });

  it("a different seed draws other demo subsets and sends other sampling seeds", async () => {
    const sim = await sims.world({ world: RICH_WORLD, logLimit: Infinity });
    const seen = async (seed: number): Promise<{ demos: string[]; seeds: unknown[] }> => {
      sim.stats.reset();
      const { db } = await runSearch(sim, "vllm:sim-model", { candidates: 8, seed, cache: false });
      const demos = readDb<{ demo_ids: string }>(db, "SELECT DISTINCT demo_ids FROM candidates WHERE origin = 'forward' ORDER BY demo_ids").map(
        (r) => r.demo_ids,
      );
      const seeds = requests(sim, "/v1/completions", isProposal).map((r) => (r.body as { seed?: unknown }).seed);
      return { demos, seeds };
    };
    const a = await seen(1);
    const b = await seen(2);
    const a2 = await seen(1);
    expect(a.demos.length).toBeGreaterThan(0);
    expect(a.seeds.length).toBeGreaterThan(0);
    expect(a.seeds.every((s) => typeof s === "number")).toBe(true);
    expect(a2).toEqual(a);
    expect(b.demos).not.toEqual(a.demos);
    expect(b.seeds).not.toEqual(a.seeds);
  });
});
