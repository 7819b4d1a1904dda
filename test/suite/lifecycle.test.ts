/**
 * A suite lives in the store as a run does (src/jobs/lifecycle.ts): the same `ape suite` started
 * twice at once runs once, the other process refusing as a second `ape search` does; Ctrl-C stops
 * it `cancelled`, and `ape resume SUITE` finishes it. Real CLI processes against the simulated
 * server, with latency so that they overlap.
 */
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/errors.js";
import { ape, delay, spawnApe } from "../support/cli.js";
import { paidSoFar, readDb } from "../support/db.js";
import { simServers } from "../support/sim/per-test.js";
import { tempDir } from "../support/temp.js";
import { suiteArgs, writeSuiteTasks } from "./support.js";

const sims = simServers();

/** A suite of three tasks, two at a time, two calls at a time, into `dir/ape.db`. */
function setUp(url: string): { readonly db: string; readonly args: string[] } {
  const dir = tempDir();
  const db = join(dir, "ape.db");
  return { db, args: suiteArgs(writeSuiteTasks(dir), url, db, 2, 2) };
}

describe("the same suite started twice at once", () => {
  it("runs once: the other process refuses with exit 2, naming the suite, the process running it, how to stop it and how to continue it", async () => {
    const server = await sims.world({ faults: { latencyMs: 50 } });
    const { db, args } = setUp(server.url);
    const a = spawnApe(args);
    const b = spawnApe(args);
    const [ea, eb] = await Promise.all([a.done, b.done]);
    expect([ea.code, eb.code].sort(), `${ea.stderr}\n---\n${eb.stderr}`).toEqual([0, EXIT.usage]);
    const [ranPid, refused] = ea.code === 0 ? [a.child.pid, eb] : [b.child.pid, ea];

    const suites = readDb<{ id: string; status: string }>(db, "SELECT id, status FROM suites");
    expect(suites.map((s) => s.status)).toEqual(["done"]);
    const id = suites[0]?.id;
    expect(refused.stderr).toContain(`suite ${id} is being run right now by process ${hostname()}:${ranPid}`);
    expect(refused.stderr).toContain(`kill -INT ${ranPid}`);
    expect(refused.stderr).toContain(`ape resume ${id} --db ${db}`);
    expect(refused.stderr).toContain("`--fresh` starts a separate suite");
    // Each task was searched once, by the process that ran the suite.
    expect(readDb<{ n: number }>(db, "SELECT count(*) AS n FROM runs WHERE suite_id = ?", id)[0]?.n).toBe(3);
    expect(readDb<{ n: number }>(db, "SELECT count(*) AS n FROM runs")[0]?.n).toBe(3);
  }, 60_000);
});

describe("Ctrl-C (SIGINT) on ape suite", () => {
  it("stops it cleanly (exit 130, the suite marked cancelled, saying how to continue it), and `ape resume SUITE` finishes it", async () => {
    const server = await sims.world({ faults: { latencyMs: 30 } });
    const { db, args } = setUp(server.url);
    const p = spawnApe(args);
    while (p.child.exitCode === null && paidSoFar(db) < 20) await delay(20);
    expect(p.child.exitCode, "the suite ended before the signal could be sent").toBeNull();
    p.child.kill("SIGINT");
    const end = await p.done;
    expect(end.code, end.stderr).toBe(130);
    const [row] = readDb<{ id: string; status: string }>(db, "SELECT id, status FROM suites");
    expect(row?.status).toBe("cancelled");
    expect(end.stderr).toContain(`suite ${row?.id} cancelled; continue it with \`ape resume ${row?.id} --db ${db}\``);
    expect(end.stderr).not.toMatch(/\n\s+at /);
    expect(readDb<{ id: string }>(db, "SELECT id FROM runs WHERE status = 'running'")).toEqual([]);

    const resumed = await ape(["resume", row?.id ?? "", "--db", db, "--progress", "none", "--json"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ suiteId: row?.id, status: "done" });
    expect(readDb<{ status: string }>(db, "SELECT status FROM suites")).toEqual([{ status: "done" }]);
    expect(readDb<{ n: number }>(db, "SELECT count(*) AS n FROM runs")[0]?.n).toBe(3);
  }, 60_000);
});
