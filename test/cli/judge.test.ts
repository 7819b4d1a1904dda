/**
 * An LLM judge on the command line (the real binary from dist/, against the simulated vLLM server,
 * which answers ape's judge prompts): the rubric in the task file, the judge as a third role in the
 * calls it records (cached, budgeted), its reasons as feedback, its calls in `ape estimate`, and a
 * reply it cannot read.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDb } from "../support/db.js";
import { WORLD } from "../support/sim/fixture.js";
import { simServers } from "../support/sim/per-test.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";
import { main } from "../../src/cli/main.js";
import { ape, captured, searchArgs } from "../support/cli.js";
import { suiteArgs, writeSuiteTasks } from "../suite/support.js";

const sims = simServers();

const RUBRIC = "The answer is the antonym of the input word, and nothing else.";
const OPTS = ["--candidates", "12", "--seed", "1", "--progress", "none", "--json"];

/** The world's task graded by a judge with RUBRIC. */
const judgedTask = (dir: string): string => writeWorldTask(dir, { metric: { judge: { rubric: RUBRIC } } });

interface CallCount {
  role: string;
  model: string;
  cached: number;
  n: number;
}
const callsByRole = (db: string, runId: string) =>
  readDb<CallCount>(db, "SELECT role, model, cached, count(*) AS n FROM calls WHERE run_id = ? GROUP BY role, model, cached ORDER BY role, cached", runId);

describe("a judge metric", () => {
  it("grades every answer through the judge's model as a third role, its reasons kept as feedback; the same search again asks it nothing", async () => {
    const server = await sims.world({ models: ["sim-model", "sim-judge"] });
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const args = searchArgs(judgedTask(dir), server.url, [...OPTS, "--db", db, "--judge-model", "vllm:sim-judge"]);
    const first = await ape(args);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const run = JSON.parse(first.stdout) as { runId: string; winner: { id: number; score: number } };
    expect(run.winner.score).toBeGreaterThan(0.8);
    const evaluations = readDb<{ n: number }>(db, "SELECT count(*) AS n FROM evaluations WHERE run_id = ?", run.runId)[0]?.n ?? 0;
    // One judge call per evaluation, on the judge's own model; the same answer to the same example
    // (two candidates that made the target say the same) is the same question: a cache hit.
    const judged = callsByRole(db, run.runId).filter((c) => c.role === "judge");
    expect(judged.every((c) => c.model === "sim-judge")).toBe(true);
    expect(judged.reduce((n, c) => n + c.n, 0)).toBe(evaluations);
    // The judge was shown the rubric and grades on a scale of 10: a right answer 10/10, a wrong one 2/10.
    const rows = readDb<{ score: number; feedback: string }>(db, "SELECT score, feedback FROM evaluations WHERE run_id = ?", run.runId);
    expect(new Set(rows.map((r) => r.score))).toEqual(new Set([1, 0.2]));
    expect(rows.find((r) => r.score === 1)?.feedback).toMatch(/^The answer gives "opposite-\d+", an acceptable answer\.$/);
    expect(rows.find((r) => r.score === 0.2)?.feedback).toMatch(/^The answer ".+" is none of the acceptable answers \(opposite-\d+\)\.$/);
    const rubrics = server.stats.log.filter((e) => e.path === "/v1/chat/completions" && JSON.stringify(e.body).includes(RUBRIC));
    expect(rubrics).toHaveLength(judged.find((c) => c.cached === 0)?.n ?? -1);

    const show = await ape(["show", run.runId, "--candidate", String(run.winner.id), "--db", db]);
    expect(show.stdout).toMatch(/feedback \(what the metric said of each output above\):\n {2}(eval|test) \d+ \((1\.000|0\.200)\): The answer /);
    // The report's table of the winner's answers carries the judge's reasons beside each answer.
    const html = join(dir, "report.html");
    expect((await ape(["report", run.runId, "--db", db, "--out", html])).code).toBe(0);
    expect(readFileSync(html, "utf8")).toMatch(/<th>feedback<\/th><\/tr><\/thead>[\s\S]*<td>The answer (gives|&quot;)/);

    const again = await ape([...args, "--fresh"]);
    expect(again.code).toBe(0);
    const rerun = (JSON.parse(again.stdout) as { runId: string }).runId;
    expect(callsByRole(db, rerun).filter((c) => c.role === "judge")).toEqual([{ role: "judge", model: "sim-judge", cached: 1, n: evaluations }]);
  }, 60_000);

  it("counts in the call budget like the other roles", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const full = await ape(searchArgs(judgedTask(dir), server.url, [...OPTS, "--db", join(dir, "a.db")]));
    expect(full.code).toBe(0);
    const calls = readDb<{ paid: number }>(join(dir, "a.db"), "SELECT calls - cached_calls AS paid FROM runs")[0]?.paid ?? 0;
    const judged = readDb<{ n: number }>(join(dir, "a.db"), "SELECT count(*) AS n FROM calls WHERE role = 'judge'")[0]?.n ?? 0;
    expect(judged).toBeGreaterThan(0);
    // Without the judge's calls the proposer and target would fit in one call fewer than the run paid for.
    const capped = await ape(searchArgs(judgedTask(dir), server.url, [...OPTS, "--db", join(dir, "b.db"), "--max-calls", String(calls - 1)]));
    expect(capped.code).toBe(5);
  });

  it("fails the run (exit 7) on a reply without a score, quoting it", async () => {
    const server = await sims.start({ seed: 7, world: { ...WORLD, judge: () => "Looks fine to me." } });
    const dir = tempDir();
    const r = await ape(searchArgs(judgedTask(dir), server.url, [...OPTS, "--db", join(dir, "ape.db")]));
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/ape: metric judge failed on example "\d+": the judge's reply has no "Score: N" line: it said "Looks fine to me\."\./);
    expect(r.stderr).toContain("word the rubric more clearly, or choose another --judge-model, and search again (a new run).");
    expect(readDb<{ status: string }>(join(dir, "ape.db"), "SELECT status FROM runs")[0]?.status).toBe("failed");
  });

  it("is counted by ape estimate: one judge call per answer, in the total", async () => {
    const dir = tempDir();
    const estimate = async (task: string) =>
      JSON.parse((await ape(["estimate", "--task", task, "--model", "vllm:sim-model", "--json"])).stdout) as {
        target: { calls: number };
        judge?: { model: string; calls: number; promptTokens: number };
        total: { calls: number };
        proposer: { calls: number };
      };
    const judged = await estimate(judgedTask(dir));
    expect(judged.judge?.model).toBe("vllm:sim-model");
    expect(judged.judge?.calls).toBe(judged.target.calls);
    expect(judged.judge?.promptTokens).toBeGreaterThan(0);
    expect(judged.total.calls).toBe(judged.proposer.calls + judged.target.calls + (judged.judge?.calls ?? 0));
    const plain = await estimate(writeWorldTask(tempDir()));
    expect(plain.judge).toBeUndefined();
    expect(plain.total.calls).toBe(judged.proposer.calls + judged.target.calls);

    const text = await ape(["estimate", "--task", judgedTask(dir), "--model", "vllm:sim-model", "--judge-model", "vllm:sim-judge"]);
    expect(text.stdout).toMatch(/\njudge +vllm:sim-judge +\d/);
  });

  it("grades the tasks of a suite too, through one judge model for all", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const tasks = writeSuiteTasks(dir, { metric: { judge: { rubric: RUBRIC } } });
    const ctx = captured();
    expect(await main(suiteArgs(tasks, server.url, db, 8), ctx)).toBe(0);
    const judged = readDb<{ task: string; n: number }>(
      db,
      "SELECT r.task, count(c.id) AS n FROM runs r LEFT JOIN calls c ON c.run_id = r.id AND c.role = 'judge' GROUP BY r.id ORDER BY r.task",
    );
    expect(judged.map((r) => r.task)).toEqual(["opposites-a", "opposites-b", "opposites-c"]);
    expect(judged.every((r) => r.n > 0)).toBe(true);
  }, 60_000);
});
