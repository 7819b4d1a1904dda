import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SuiteResult } from "../../src/suite/result.js";
import { ape, spawnApe, delay } from "../support/cli.js";
import { readDb, paidCalls, ranking } from "../support/db.js";
import { simServers } from "../support/sim/per-test.js";
import { tempDir } from "../support/temp.js";
import { suiteArgs, writeSuiteTasks } from "./support.js";
import { searchPrompts } from "../support/sim/fixture.js";

const sims = simServers();

const CONCURRENCY = 4;

describe("a suite killed with SIGKILL and resumed with `ape resume SUITE`", () => {
  it("keeps the finished task, pays again only for calls that were in flight, and ends as an uninterrupted suite", async () => {
    const server = await sims.world({ faults: { latencyMs: 8 }, logLimit: Infinity });
    const dir = tempDir();
    const tasks = writeSuiteTasks(dir);

    const cleanDb = join(dir, "clean.db");
    const clean = await ape([...suiteArgs(tasks, server.url, cleanDb, CONCURRENCY, 2), "--json"]);
    expect(clean.code, clean.stderr).toBe(0);
    const cleanDoc = JSON.parse(clean.stdout) as SuiteResult;
    const cleanPaid = paidCalls(cleanDb);
    const cleanSent = searchPrompts(server);

    server.stats.reset();
    const db = join(dir, "killed.db");
    // Two tasks at once: kill as soon as the first is done, while the others are mid-way.
    const p = spawnApe(suiteArgs(tasks, server.url, db, CONCURRENCY, 2));
    const t0 = Date.now();
    while (Date.now() - t0 < 60_000 && p.child.exitCode === null && doneRuns(db).length === 0) await delay(10);
    p.child.kill("SIGKILL");
    expect((await p.done).signal).toBe("SIGKILL");
    const finished = doneRuns(db);
    expect(finished.length).toBeGreaterThan(0);
    expect(finished.length).toBeLessThan(3);
    const callsOf = (run: string): number => readDb<{ n: number }>(db, "SELECT count(*) AS n FROM calls WHERE run_id = ?", run)[0]?.n ?? 0;
    const callsBefore = new Map(finished.map((r) => [r.id, callsOf(r.id)]));
    const suiteId = readDb<{ id: string }>(db, "SELECT id FROM suites")[0]?.id ?? "";
    // Listed as stopped (the file still says running: its process is gone), the finished task as done.
    const listed = await ape(["runs", "--db", db]);
    expect(listed.stdout).toMatch(new RegExp(`^${suiteId}\\s+\\d+/3\\s+stopped\\s`, "m"));
    for (const r of readDb<{ id: string; status: string }>(db, "SELECT id, status FROM runs"))
      expect(listed.stdout).toMatch(new RegExp(`^${r.id}\\s.*\\s${r.status === "done" ? "done" : "stopped"}\\s`, "m"));

    const resumed = await ape(["resume", suiteId, "--db", db, "--progress", "none", "--json"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const doc = JSON.parse(resumed.stdout) as SuiteResult;
    expect(doc.suiteId).toBe(suiteId);
    expect(readDb<{ n: number }>(db, "SELECT count(*) AS n FROM runs")[0]?.n).toBe(3);

    // The task finished before the kill was not redone: same run, not one call more.
    for (const [run, calls] of callsBefore) {
      expect(doc.tasks.some((t) => t.runId === run)).toBe(true);
      expect(callsOf(run)).toBe(calls);
    }
    // Every task ends as in the uninterrupted suite, and only calls in flight at the kill were paid twice.
    doc.tasks.forEach((t, i) => {
      const c = cleanDoc.tasks[i];
      expect(ranking(db, t.runId ?? "")).toEqual(ranking(cleanDb, c?.runId ?? ""));
      expect(t.ape).toEqual(c?.ape);
      expect(t.reference).toEqual(c?.reference);
    });
    expect(doc.iqm).toEqual(cleanDoc.iqm);
    expect(paidCalls(db)).toBeLessThanOrEqual(cleanPaid + CONCURRENCY);
    expect(searchPrompts(server)).toBeLessThanOrEqual(cleanSent + CONCURRENCY);
  });
});

function doneRuns(db: string): { id: string }[] {
  if (!existsSync(db)) return [];
  try {
    return readDb<{ id: string }>(db, "SELECT id FROM runs WHERE status = 'done'");
  } catch {
    return []; // killed while creating the schema
  }
}
