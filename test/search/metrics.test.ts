/**
 * Searches scored by a metric of your own (`search({ metric })`) against the simulated vLLM server:
 * what it is given, its feedback stored with each evaluation, its name and version in the run's
 * identity, and a metric that cannot score failing the run (never a silent 0).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BudgetError, defineMetric, MetricError, type MetricFunction, UsageError } from "../../src/index.js";
import { main } from "../../src/cli/main.js";
import { captured } from "../support/cli.js";
import { readDb } from "../support/db.js";
import { BEST } from "../support/sim/fixture.js";
import { simServers } from "../support/sim/per-test.js";
import { tempDir } from "../support/temp.js";
import { runSearch } from "./support.js";

const sims = simServers();

interface Row {
  output: string;
  score: number;
  feedback: string | null;
}

/** The exact-match metric of a pipeline, with its reason on a miss. */
const strict: MetricFunction = async (prediction, example) => {
  const said = prediction.trim();
  return said === example.outputs[0] ? 1 : { score: 0, feedback: `expected ${example.outputs[0]}, got ${said}` };
};

const runs = (db: string) => readDb<{ id: string; status: string; config_hash: string }>(db, "SELECT id, status, config_hash FROM runs ORDER BY rowid");

describe("a metric of your own", () => {
  it("is given the raw answer and the example, and its feedback is stored with each evaluation", async () => {
    const server = await sims.world();
    const seen: string[] = [];
    const metric = defineMetric({
      name: "strict",
      version: "1",
      score: (prediction, example) => {
        seen.push(prediction);
        return strict(prediction, example);
      },
    });
    const { result, db } = await runSearch(server, "vllm:sim-model", { metric });
    expect(result.winner?.text).toBe(BEST);
    // The completions route answers " opposite-3": the metric sees it as it came, not normalised.
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((p) => p.startsWith(" "))).toBe(true);
    const rows = readDb<Row>(db, "SELECT output, score, feedback FROM evaluations");
    const misses = rows.filter((r) => r.score === 0);
    expect(misses.length).toBeGreaterThan(0);
    for (const r of misses) expect(r.feedback).toMatch(new RegExp(`^expected opposite-\\d+, got ${r.output}$`));
    expect(rows.filter((r) => r.score === 1).every((r) => r.feedback === null)).toBe(true);
  });

  it("enters the run's identity by name and version: a stopped run is continued only by the same version", async () => {
    const server = await sims.world();
    const db = join(tempDir(), "ape.db");
    const version = (v: string) => defineMetric({ name: "strict", version: v, score: strict });
    await expect(runSearch(server, "vllm:sim-model", { metric: version("1"), budget: { maxCalls: 6 } }, db)).rejects.toBeInstanceOf(BudgetError);
    const [stopped] = runs(db);

    const other = await runSearch(server, "vllm:sim-model", { metric: version("2") }, db);
    expect(other.result.runId).not.toBe(stopped?.id);
    expect(runs(db).find((r) => r.id === stopped?.id)?.status).toBe("budget");

    // The command line cannot call a function a program passed: it says where to continue the run.
    const ctx = captured();
    expect(await main(["resume", stopped?.id ?? "", "--db", db, "--progress", "none"], ctx)).toBe(2);
    expect(ctx.err()).toContain(`run ${stopped?.id} in ${db} was scored by the metric strict (version 1) that a program passed to search() or suite()`);

    const same = await runSearch(server, "vllm:sim-model", { metric: version("1") }, db);
    expect(same.result.runId).toBe(stopped?.id);
    expect(runs(db).map((r) => r.status)).toEqual(["done", "done"]);
  });

  it("leaves the identity of a run scored by the task's own metric as it was; another built-in is another run", async () => {
    const server = await sims.world();
    const db = join(tempDir(), "ape.db");
    await runSearch(server, "vllm:sim-model", {}, db);
    await runSearch(server, "vllm:sim-model", { metric: "exact_match" }, db);
    await runSearch(server, "vllm:sim-model", { metric: "contains" }, db);
    const [own, named, other] = runs(db).map((r) => r.config_hash);
    expect(named).toBe(own);
    expect(other).not.toBe(own);
  });

  it("that throws fails the run, naming the metric and the example", async () => {
    const server = await sims.world();
    let first: string | undefined;
    const metric = defineMetric({
      name: "brittle",
      version: "1",
      score: (_prediction, example) => {
        first ??= example.id;
        if (example.id === first) throw new Error("cannot parse the answer");
        return 1;
      },
    });
    const db = join(tempDir(), "ape.db");
    const error = await runSearch(server, "vllm:sim-model", { metric }, db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MetricError);
    expect(String(error)).toContain(`metric brittle failed on example "${first}": it threw: cannot parse the answer`);
    expect(readDb<{ status: string; error: string }>(db, "SELECT status, error FROM runs")[0]).toMatchObject({
      status: "failed",
      error: expect.stringContaining("metric brittle failed"),
    });
  });

  it("that gives no score in [0, 1] fails the run too", async () => {
    const server = await sims.world();
    const metric = defineMetric({ name: "percent", version: "1", score: () => 87 });
    await expect(runSearch(server, "vllm:sim-model", { metric })).rejects.toThrow(
      /metric percent failed on example "\d+": it returned the score 87, outside \[0, 1\]/,
    );
  });

  it("needs the exec scorer: with logprob it is refused before anything is sent", async () => {
    const server = await sims.world();
    const metric = defineMetric({ name: "strict", version: "1", score: strict });
    const error = await runSearch(server, "vllm:sim-model", { metric, scorer: "logprob" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(String(error)).toContain(
      'scorer: "logprob" scores by the log-probability of the expected output and uses no metric, but this run\'s metric is strict',
    );
    expect(server.stats.log).toHaveLength(0);
  });
});
