import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { simServers } from "../support/sim/per-test.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";
import { ape, spawnApe, delay, searchArgs } from "../support/cli.js";
import { readDb, paidCalls, paidSoFar, ranking } from "../support/db.js";
import { searchPrompts } from "../support/sim/fixture.js";

const sims = simServers();

const CONCURRENCY = 4;

function args(task: string, url: string, db: string): string[] {
  return searchArgs(task, url, [
    "--candidates",
    "12",
    "--seed",
    "4",
    "--batch",
    "1",
    "--concurrency",
    String(CONCURRENCY),
    "--db",
    db,
    "--progress",
    "none",
    "--json",
  ]);
}

describe("a search killed with SIGKILL and resumed", () => {
  it("ends with the same ranking as an uninterrupted run and pays again only for calls that were in flight", async () => {
    const server = await sims.world({ faults: { latencyMs: 8 }, logLimit: Infinity });
    const dir = tempDir();
    const task = writeWorldTask(dir);

    const cleanDb = join(dir, "clean.db");
    const clean = await ape(args(task, server.url, cleanDb));
    expect(clean.code).toBe(0);
    const expected = ranking(cleanDb);
    const cleanPaid = paidCalls(cleanDb);
    const cleanSent = searchPrompts(server);
    expect(cleanPaid).toBeGreaterThan(100);

    server.stats.reset();
    const db = join(dir, "killed.db");
    const points: string[] = [];
    let kills = 0;
    for (let attempt = 0; attempt < 3; attempt++) {
      // Continue by `ape resume RUN` once a run exists (it may not, if killed early), else by the same command.
      const id = newestRun(db)?.id;
      const p = spawnApe(id === undefined ? args(task, server.url, db) : ["resume", id, "--db", db, "--progress", "none", "--json"]);
      if (Math.random() < 0.5) {
        const after = Math.floor((0.15 + 0.6 * Math.random()) * cleanPaid);
        points.push(`after ${after} paid calls`);
        const t0 = Date.now();
        while (Date.now() - t0 < 20_000 && p.child.exitCode === null && paidSoFar(db) < after) await delay(15);
      } else {
        const ms = Math.floor(300 + 900 * Math.random());
        points.push(`after ${ms} ms`);
        await delay(ms);
      }
      if (p.child.exitCode !== null) break;
      p.child.kill("SIGKILL");
      const end = await p.done;
      // The process may have finished just before the signal reached it: then it was not killed.
      if (end.signal !== "SIGKILL") {
        expect(end.code, end.stderr).toBe(0);
        break;
      }
      kills++;
    }
    // The same command again continues the killed run (the newest unfinished one with these settings),
    // or starts it if every kill came before there was one (a slow start under load); a run that
    // ended before its kill is finished already (the same command would start a new one).
    if (newestRun(db)?.status !== "done") {
      const last = await ape(args(task, server.url, db));
      expect(last.code, `${last.stderr} (killed ${points.join(", ")})`).toBe(0);
    }
    expect(readDb<{ n: number }>(db, "SELECT count(*) AS n FROM runs")[0]?.n).toBe(1);
    expect(ranking(db), `killed ${points.join(", ")}`).toEqual(expected);
    expect(paidCalls(db)).toBeLessThanOrEqual(cleanPaid + kills * CONCURRENCY);
    expect(searchPrompts(server)).toBeLessThanOrEqual(cleanSent + kills * CONCURRENCY);
  });
});

/** The newest run of `db` (id and status), or undefined while there is none yet (the file or its tables not made before a kill). */
function newestRun(db: string): { id: string; status: string } | undefined {
  if (!existsSync(db)) return undefined;
  try {
    return readDb<{ id: string; status: string }>(db, "SELECT id, status FROM runs ORDER BY created_at DESC LIMIT 1")[0];
  } catch {
    return undefined; // killed while creating the schema
  }
}
