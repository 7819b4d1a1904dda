import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { createSelector, search, type SearchResult, type Selector } from "../../src/index.js";
import { simServers } from "../support/sim/per-test.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";
import { captured } from "../support/cli.js";
import { readDb } from "../support/db.js";

const sims = simServers();

const REFERENCES = ["Write the antonym: the opposite word.", "Repeat the word you are given."];

describe("finalize", () => {
  it("scores the winner, the runner-up and the human references on the test split, side by side", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const task = writeWorldTask(dir, { references: REFERENCES });
    const json = captured();
    const args = ["search", "--task", task, "--model", "vllm:sim-model", "--base-url", server.url, "--candidates", "12", "--seed", "2", "--progress", "none"];
    expect(await main([...args, "--db", db, "--json"], json)).toBe(0);
    const result = JSON.parse(json.out()) as SearchResult;

    const [winner, runnerUp, ...rest] = result.candidates;
    expect(winner?.testCount).toBe(40);
    expect(runnerUp?.testCount).toBe(40);
    expect(rest.every((c) => c.testScore === null && c.testCount === 0)).toBe(true);
    expect(result.references.map((r) => r.text)).toEqual(REFERENCES);
    expect(result.references.every((r) => r.testCount === 40 && r.testScore !== null)).toBe(true);
    // The references are scored as the simulated model rewards them: both keywords beat none.
    const [good, bad] = result.references;
    expect(good?.testScore ?? 0).toBeGreaterThan((bad?.testScore ?? 1) + 0.3);
    expect(winner?.testScore ?? 0).toBeGreaterThan((bad?.testScore ?? 1) + 0.3);

    // The store holds the same figures, and the test-split evaluations behind them.
    const stored = readDb<{ origin: string; rank: number | null; test_score: number | null; test_count: number }>(
      db,
      "SELECT origin, rank, test_score, test_count FROM candidates WHERE test_score IS NOT NULL ORDER BY origin, rank",
    );
    expect(stored.map((r) => [r.origin, r.rank])).toEqual([
      ["forward", 1],
      ["forward", 2],
      ["reference", null],
      ["reference", null],
    ]);
    const tests = readDb<{ n: number }>(db, "SELECT count(*) AS n FROM evaluations WHERE split = 'test'")[0]?.n;
    expect(tests).toBe(4 * 40);

    // The printed leaderboard shows the test scores of winner and references together.
    const text = captured();
    expect(await main([...args, "--db", join(dir, "b.db")], text)).toBe(0);
    expect(text.out()).toContain("references (human-written)");
    for (const r of REFERENCES) expect(text.out()).toContain(r);
    expect(text.out()).toContain((winner?.testScore ?? 0).toFixed(3));
  });
});

describe("test scoring starts as soon as each is known", () => {
  it("scores the references during selection, and the winner once selection is certain of it", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const certain: number[] = [];
    const multistage = createSelector("multistage");
    // multistage as it is, telling the test when it names its winner.
    const watched: Selector = {
      name: "multistage",
      select: (poolSize, evaluate, options) =>
        multistage.select(poolSize, evaluate, {
          ...options,
          onCertain:
            options.onCertain &&
            ((c) => {
              certain.push(c);
              options.onCertain?.(c);
            }),
        }),
    };
    const options = {
      task: writeWorldTask(dir, { references: REFERENCES }),
      model: "vllm:sim-model",
      baseUrls: [server.url],
      candidates: 12,
      seed: 2,
      selector: watched,
    } as const;
    const result = await search({ ...options, db });
    expect(certain).toHaveLength(1);
    expect(result.winner?.testCount).toBe(40);
    // The references' test evaluations were recorded while selection still had evaluations to record.
    const ids = (where: string): number[] =>
      readDb<{ id: number }>(db, `SELECT e.id FROM evaluations e JOIN candidates c ON c.id = e.candidate_id WHERE ${where}`).map((r) => r.id);
    expect(Math.max(...ids("e.split = 'eval'"))).toBeGreaterThan(Math.min(...ids("c.origin = 'reference' AND e.split = 'test'")));
    // With resampling, the first selection's winner is not the run's: no early start.
    certain.length = 0;
    await search({ ...options, db: join(dir, "rounds.db"), rounds: 1 });
    expect(certain).toEqual([]);
  });
});

describe("a reference that is also proposed", () => {
  it("is listed among the references with its test score, and stays a candidate", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const { search } = await import("../../src/index.js");
    const { BEST } = await import("../support/sim/fixture.js");
    const result = await search({
      task: writeWorldTask(dir, { references: [BEST] }),
      model: "vllm:sim-model",
      baseUrls: [server.url],
      db: join(dir, "ape.db"),
      candidates: 12,
      seed: 2,
    });
    expect(result.winner?.text).toBe(BEST);
    expect(result.references.map((r) => r.text)).toEqual([BEST]);
    expect(result.references[0]?.testScore).toBe(result.winner?.testScore);
    expect(result.references[0]?.testCount).toBeGreaterThan(0);
  });
});
