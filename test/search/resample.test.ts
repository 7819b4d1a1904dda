import { describe, expect, it } from "vitest";
import type { SearchEvent } from "../../src/index.js";
import { simServers } from "../support/sim/per-test.js";
import { prompts, requests, RICH_WORLD, runSearch } from "./support.js";
import { readDb } from "../support/db.js";

const sims = simServers();

type Candidate = { id: number; origin: string; parent_id: number | null; round: number };

describe("iterative Monte Carlo resampling (--rounds, --refine resample, --top-k, --variants)", () => {
  it("records each variant's parent and round, and never scores a (candidate, example) pair twice", async () => {
    const server = await sims.world({ world: RICH_WORLD, logLimit: Infinity });
    const { db, result } = await runSearch(server, "vllm:sim-model", { refine: "resample", candidates: 4, rounds: 2, topK: 2, variants: 4, cache: false });
    expect(result.status).toBe("done");
    const candidates = readDb<Candidate>(db, "SELECT id, origin, parent_id, round FROM candidates");
    const byId = new Map(candidates.map((c) => [c.id, c]));
    const variants = candidates.filter((c) => c.origin === "resample");
    expect(variants.length).toBeGreaterThan(0);
    for (const v of variants) {
      expect(v.round).toBeGreaterThanOrEqual(1);
      const parent = byId.get(v.parent_id ?? -1);
      expect(parent).toBeDefined();
      expect(parent?.round).toBeLessThan(v.round);
    }
    expect(candidates.filter((c) => c.origin !== "resample").every((c) => c.parent_id === null && c.round === 0)).toBe(true);
    // With the response cache off, a pair scored twice would reach the server twice.
    const stored = readDb<{ n: number }>(db, "SELECT count(*) AS n FROM evaluations")[0]?.n;
    const asked = requests(server, "/v1/completions")
      .flatMap((r) => prompts(r.body as Record<string, unknown>))
      .filter((p) => p.trimEnd().endsWith("Output:")).length;
    expect(asked).toBe(stored);
    expect(result.candidates.find((c) => c.origin === "resample")?.parentId).not.toBeNull();
  });

  it("says so when a round's children are all instructions already scored, and ends the rounds there", async () => {
    // The default world's proposer knows six instructions: the first pool takes them all.
    const server = await sims.world();
    const events: SearchEvent[] = [];
    const { result, db } = await runSearch(server, "vllm:sim-model", { refine: "resample", rounds: 3, onEvent: (e) => events.push(e) });
    expect(result.status).toBe("done");
    expect(readDb<{ n: number }>(db, "SELECT count(*) AS n FROM candidates WHERE round > 0")[0]?.n).toBe(0);
    const notices = events.flatMap((e) => (e.type === "notice" ? [e.message] : []));
    expect(notices).toContainEqual(
      expect.stringMatching(/^refining round 1: all \d+ children the proposer wrote are instructions already scored, so the rounds end here$/),
    );
  });

  it("ranks the winner, then the last round's survivors, then everyone else by score", async () => {
    const server = await sims.world({ world: RICH_WORLD });
    const { result } = await runSearch(server, "vllm:sim-model", { refine: "resample", candidates: 8, rounds: 2, topK: 2, variants: 4 });
    const [, ...others] = result.candidates;
    const firstDropped = others.findIndex((c) => c.droppedAt !== null);
    const tail = firstDropped < 0 ? [] : others.slice(firstDropped);
    expect(tail.length).toBeGreaterThan(0);
    for (let i = 1; i < tail.length; i++) expect(tail[i - 1]?.score ?? -1).toBeGreaterThanOrEqual(tail[i]?.score ?? -1);
    expect(result.candidates.map((c) => c.rank)).toEqual(result.candidates.map((_, i) => i + 1));
  });

  it("stops after a round that does not improve the best", async () => {
    // Instructions with both keywords answer everything right: nothing can beat them.
    const server = await sims.world({ world: { ...RICH_WORLD, ceiling: 1 } });
    const events: SearchEvent[] = [];
    const { db } = await runSearch(server, "vllm:sim-model", { refine: "resample", candidates: 30, rounds: 3, onEvent: (e) => events.push(e) });
    const rounds = events.flatMap((e) => (e.type === "round" ? [e] : []));
    expect(rounds.map((e) => [e.round, e.improved])).toEqual([
      [0, true],
      [1, false],
    ]);
    expect(rounds[0]?.best).toBe(1);
    expect(Math.max(...readDb<Candidate>(db, "SELECT round FROM candidates").map((c) => c.round))).toBe(1);
  });

  it("is never worse after resampling than before it, and sometimes better", async () => {
    const server = await sims.world({ world: RICH_WORLD });
    let improvedSomewhere = false;
    for (const seed of [1, 2, 3, 4]) {
      const events: SearchEvent[] = [];
      const { result } = await runSearch(server, "vllm:sim-model", {
        refine: "resample",
        candidates: 3,
        rounds: 2,
        topK: 2,
        variants: 4,
        seed,
        onEvent: (e) => events.push(e),
      });
      const before = events.find((e) => e.type === "round" && e.round === 0);
      const start = before?.type === "round" ? before.best : Number.NaN;
      expect(result.winner?.score).toBeGreaterThanOrEqual(start);
      expect(result.winner?.evalCount).toBe(40);
      if ((result.winner?.score ?? 0) > start) improvedSomewhere = true;
    }
    expect(improvedSomewhere).toBe(true);
  });
});
