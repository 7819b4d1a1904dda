/**
 * Metrics of your own on the command line (the real binary from dist/, against the simulated vLLM
 * server): a module named by `--metric FILE#EXPORT` or by the task file, its feedback in
 * `ape show --candidate`, `ape resume` loading it again, and the errors of a module that is
 * missing, lacks the export, exports no metric, or fails on an example.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDb } from "../support/db.js";
import { simServers } from "../support/sim/per-test.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";
import { ape, searchArgs } from "../support/cli.js";

const sims = simServers();

/** A module of metrics, as a pipeline author writes it (no import of ape needed). */
const MODULE = `
export const strict = {
  name: "strict",
  version: "1",
  score: async (prediction, example) =>
    prediction.trim() === example.outputs[0] ? 1 : { score: 0, feedback: "expected " + example.outputs[0] + ", got " + prediction.trim() },
};
export default function loose(prediction, example) {
  return prediction.includes(example.outputs[0]) ? 1 : 0;
}
export const notAMetric = 42;
export const boom = { name: "boom", version: "1", score: (prediction, example) => { if (example.id === "FAIL_ON") throw new Error("cannot read " + example.input); return 1; } };
export const percent = { name: "percent", version: "1", score: () => 87 };
`;

/** Write the metrics module into `dir`, failing `boom` on example `failOn`. */
function writeModule(dir: string, failOn = "none"): string {
  const file = join(dir, "metrics.mjs");
  writeFileSync(file, MODULE.replace("FAIL_ON", failOn));
  return file;
}

const OPTS = ["--candidates", "12", "--seed", "1", "--progress", "none", "--json"];

describe("ape search --metric FILE#EXPORT", () => {
  it("scores with the module's metric, shows its feedback with the candidate's outputs, and resumes with it", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const module = writeModule(dir);
    const stopped = await ape(searchArgs(writeWorldTask(dir), server.url, [...OPTS, "--db", db, "--metric", `${module}#strict`, "--max-calls", "6"]));
    expect(stopped.code).toBe(5);
    const [run] = readDb<{ id: string }>(db, "SELECT id FROM runs");

    // Resumed from another folder: the stored path of the module is absolute.
    const resumed = await ape(["resume", run?.id ?? "", "--db", db, "--max-calls", "100000", "--progress", "none", "--json"], { cwd: tempDir() });
    expect(resumed.stderr).toBe("");
    expect(resumed.code).toBe(0);
    const winner = (JSON.parse(resumed.stdout) as { winner: { id: number } }).winner;
    const misses = readDb<{ feedback: string }>(db, "SELECT feedback FROM evaluations WHERE candidate_id = ? AND score = 0", winner.id);
    expect(misses.length).toBeGreaterThan(0);

    const show = await ape(["show", run?.id ?? "", "--candidate", String(winner.id), "--db", db]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain("feedback (what the metric said of each output above):");
    expect(show.stdout).toMatch(/ {2}(eval|test) \d+ \(0\.000\): expected opposite-\d+, got \S+\n/);
    const json = JSON.parse((await ape(["show", run?.id ?? "", "--candidate", String(winner.id), "--db", db, "--json"])).stdout) as {
      outcomes: { score: number; feedback: string | null }[];
    };
    expect(json.outcomes.filter((o) => o.score === 0).every((o) => o.feedback?.startsWith("expected opposite-"))).toBe(true);
  });

  it("takes the default export without #EXPORT, and a task file's module relative to the task file", async () => {
    const server = await sims.world();
    const dir = tempDir();
    mkdirSync(join(dir, "metrics"));
    writeModule(join(dir, "metrics"));
    const task = writeWorldTask(dir, { metric: { module: "metrics/metrics.mjs", export: "strict" } });
    const fromTask = await ape(searchArgs(task, server.url, [...OPTS, "--db", join(dir, "a.db")]), { cwd: tempDir() });
    expect(fromTask.code).toBe(0);
    expect(readDb<{ n: number }>(join(dir, "a.db"), "SELECT count(*) AS n FROM evaluations WHERE feedback LIKE 'expected opposite-%'")[0]?.n).toBeGreaterThan(
      0,
    );

    const byDefault = await ape(searchArgs(writeWorldTask(tempDir()), server.url, [...OPTS, "--db", join(dir, "b.db"), "--metric", "metrics/metrics.mjs"]), {
      cwd: dir,
    });
    expect(byDefault.code).toBe(0);
  });

  it("exits 2 naming the module and the flag (or the task's field) when it is missing, lacks the export or exports no metric", async () => {
    const dir = tempDir();
    const module = writeModule(dir);
    const server = await sims.world();
    const run = (metric: string) => ape(searchArgs(writeWorldTask(tempDir()), server.url, [...OPTS, "--db", join(dir, "ape.db"), "--metric", metric]));

    const missing = await run(join(dir, "nope.mjs#strict"));
    expect([missing.code, missing.stderr]).toEqual([
      2,
      `ape: --metric: no metric module at ${join(dir, "nope.mjs")}; give the path of an ES module (.mjs) that exports your metric\n`,
    ]);
    const noExport = await run(`${module}#strcit`);
    expect(noExport.code).toBe(2);
    expect(noExport.stderr).toContain(`--metric: ${module} has no export "strcit"; its exports: boom, default, notAMetric, percent, strict`);
    const notMetric = await run(`${module}#notAMetric`);
    expect(notMetric.code).toBe(2);
    expect(notMetric.stderr).toContain(`the export "notAMetric" of ${module} is a number, not a metric: export a function (prediction, example) => score`);
    const inTask = await ape(searchArgs(writeWorldTask(dir, { metric: { module: "gone.mjs" } }), server.url, [...OPTS, "--db", join(dir, "ape.db")]));
    expect(inTask.code).toBe(2);
    expect(inTask.stderr).toContain(`task file ${join(dir, "opposites.json")}: metric.module: no metric module at ${join(dir, "gone.mjs")}`);
    expect(server.stats.log).toHaveLength(0);
  });

  it("exits 7 when the metric throws or gives no score in [0, 1], naming the metric and the example; the run is kept as failed", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const module = writeModule(dir, "3");
    const throws = await ape(searchArgs(writeWorldTask(dir), server.url, [...OPTS, "--db", db, "--metric", `${module}#boom`]));
    expect(throws.code).toBe(7);
    expect(throws.stderr).toContain('metric boom failed on example "3": it threw: cannot read word3. Fix the metric and search again');
    expect(throws.stderr).not.toMatch(/\n\s+at /);
    const range = await ape(searchArgs(writeWorldTask(dir), server.url, [...OPTS, "--db", db, "--metric", `${module}#percent`]));
    expect(range.code).toBe(7);
    expect(range.stderr).toMatch(/metric percent failed on example "\d+": it returned the score 87, outside \[0, 1\]/);
    expect(readDb<{ status: string }>(db, "SELECT status FROM runs").map((r) => r.status)).toEqual(["failed", "failed"]);
  });
});
