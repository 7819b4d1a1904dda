import { copyFileSync, readFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finishedRun, inProcess, type Finished } from "../support/finished-run.js";

let run: Finished;
beforeAll(async () => {
  run = await finishedRun("none", ["--refine", "resample"], false);
});
afterAll(() => run.server.close());

/**
 * A copy of the finished run's file as a killed search leaves it: `running`, owned by `owner`, no
 * winner and no totals of evaluations written (a run writes them when it finishes), its
 * evaluations so far in the file. Returns the file and how many evaluations it holds.
 */
function killedCopy(name: string, owner: string): { db: string; stored: number } {
  const db = join(run.dir, `${name}.db`);
  copyFileSync(run.db, db);
  const file = new Database(db);
  try {
    file
      .prepare("UPDATE runs SET status = 'running', owner = ?, updated_at = ?, best_candidate_id = NULL, best_score = NULL, evaluations = 0")
      .run(owner, new Date().toISOString());
    const stored = file.prepare<[], { n: number }>("SELECT count(*) AS n FROM evaluations").get()?.n ?? 0;
    return { db, stored };
  } finally {
    file.close();
  }
}

describe("a run whose process was killed", () => {
  it("is listed and shown as stopped, with the evaluations stored so far, the command that continues it and no winner", async () => {
    // No process has this PID: the search that ran it is gone.
    const { db, stored } = killedCopy("killed", `${hostname()}:2147483646`);
    expect(stored).toBeGreaterThan(0);

    const runs = await inProcess(["runs", "--db", db]);
    expect(runs.code).toBe(0);
    expect(runs.stdout).toMatch(new RegExp(`^${run.runId}\\s+opposites\\s+vllm:sim-model\\s+stopped\\s+-\\s+${stored}\\s`, "m"));
    // The JSON rows stay as stored.
    expect(JSON.parse((await inProcess(["runs", "--db", db, "--json"])).stdout)).toEqual([expect.objectContaining({ status: "running", evaluations: 0 })]);

    const show = await inProcess(["show", run.runId, "--db", db]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(`run ${run.runId} (stopped): task opposites`);
    expect(show.stdout).toContain(`its process is gone (killed or crashed): \`ape resume ${run.runId}\` continues it`);
    expect(show.stdout).toContain(`totals: ${stored} evaluations,`);
    expect(show.stdout).not.toContain("won:");
    const json = JSON.parse((await inProcess(["show", run.runId, "--db", db, "--json"])).stdout) as { status: string; totals: { evaluations: number } };
    expect(json).toMatchObject({ status: "running", totals: { evaluations: stored } });

    const out = join(run.dir, "killed.html");
    expect((await inProcess(["report", run.runId, "--db", db, "--out", out])).code).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).toContain('<span class="status stopped">stopped</span>');
    expect(html).toContain("Leading so far (unfinished)");
    expect(html).toContain(`<dt>evaluations</dt><dd>${stored}</dd>`);
  });

  it("is still running while its process lives", async () => {
    // The test runner's parent: a live process on this host.
    const { db } = killedCopy("live", `${hostname()}:${process.ppid}`);
    const runs = await inProcess(["runs", "--db", db]);
    expect(runs.stdout).toMatch(new RegExp(`^${run.runId}\\s+opposites\\s+vllm:sim-model\\s+running\\s`, "m"));
    expect((await inProcess(["show", run.runId, "--db", db])).stdout).toContain(`run ${run.runId} (running): task opposites`);
  });
});
