import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { search } from "../../src/index.js";
import { captured, searchArgs } from "../support/cli.js";
import { startWorld } from "../support/sim/fixture.js";
import type { SimServer } from "../support/sim/index.js";
import { tempDir } from "../support/temp.js";
import { ape } from "../support/cli.js";
import { readDb, ranking } from "../support/db.js";
import { writeSmallTask } from "../support/task-fixture.js";

const servers: SimServer[] = [];

async function inProcess(args: readonly string[], key: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const ctx = { ...captured(), env: { OPENAI_API_KEY: key } };
  const code = await main(args, ctx);
  return { code, stdout: ctx.out(), stderr: ctx.err() };
}
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe("a search against a faulty server", () => {
  it("ends with the same ranking as against a fault-free one, with no evaluation lost", async () => {
    const dir = tempDir();
    const task = writeSmallTask(dir);
    const clean = await startWorld();
    const faulty = await startWorld({ faults: { rate: 0.2, kinds: ["500", "503", "429", "drop", "malformed"], retryAfterSeconds: 0 } });
    servers.push(clean, faulty);
    const options = { task, model: "vllm:sim-model", candidates: 10, seed: 6, batch: 1 } as const;
    const a = await search({ ...options, baseUrls: [clean.url], db: join(dir, "clean.db") });
    const b = await search({ ...options, baseUrls: [faulty.url], db: join(dir, "faulty.db"), retry: { attempts: 10, baseMs: 5, maxMs: 50 } });
    expect(Object.values(faulty.stats.faults).reduce((x, y) => x + y, 0)).toBeGreaterThan(20);
    expect(b.status).toBe("done");
    expect(ranking(join(dir, "faulty.db"))).toEqual(ranking(join(dir, "clean.db")));
    const count = (db: string): number => readDb<{ n: number }>(join(dir, db), "SELECT count(*) AS n FROM evaluations")[0]?.n ?? 0;
    expect(count("faulty.db")).toBe(count("clean.db"));
    expect(b.totals.evaluations).toBe(a.totals.evaluations);
  });
});

describe("two processes writing one database file at once", () => {
  it("both finish, each with its own complete run", async () => {
    const server = await startWorld({ faults: { latencyMs: 3 } });
    servers.push(server);
    const dir = tempDir();
    const task = writeSmallTask(dir);
    const db = join(dir, "shared.db");
    const run = (seed: number, ...more: string[]) =>
      ape(searchArgs(task, server.url, ["--candidates", "8", "--seed", String(seed), "--batch", "1", "--db", db, "--progress", "none", "--json", ...more]));
    // Two identical searches, each asking for a separate run (without --fresh, the second would
    // refuse: one run is never run twice at once; see two-processes.test.ts), and another one, all at once.
    const results = await Promise.all([run(1), run(3, "--fresh"), run(3, "--fresh")]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const runs = readDb<{ id: string; status: string; evaluations: number }>(db, "SELECT id, status, evaluations FROM runs");
    expect(runs).toHaveLength(3);
    expect(runs.every((r) => r.status === "done" && r.evaluations > 0)).toBe(true);
    const ids = results.map((r) => (JSON.parse(r.stdout) as { runId: string }).runId);
    expect(new Set(ids).size).toBe(3);
    expect(ranking(db, ids[1])).toEqual(ranking(db, ids[2]));
  });
});

describe("the API key", () => {
  it("never appears in the database file, the output or error messages", async () => {
    const key = "sk-ape-test-7f3e9c1d2b4a6f8e0d9c";
    const server = await startWorld({ apiKey: key });
    servers.push(server);
    const dir = tempDir();
    const task = writeSmallTask(dir);
    const db = join(dir, "ape.db");
    const common = ["--task", task, "--model", "vllm:sim-model", "--base-url", server.url, "--candidates", "6", "--db", db];
    const ok = await ape(["search", ...common, "--progress", "json", "--json"], { env: { OPENAI_API_KEY: key } });
    expect(ok.code, ok.stderr).toBe(0);
    // The other commands in-process (the same code path, without starting a process each time).
    const estimated = await inProcess(["estimate", ...common], key);
    expect(estimated.code).toBe(0);
    const wrong = await inProcess(["search", ...common, "--fresh", "--progress", "plain"], `${key}-wrong`);
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toContain("OPENAI_API_KEY");
    const resumed = await inProcess(
      ["resume", readDb<{ id: string }>(db, "SELECT id FROM runs WHERE status != 'done'")[0]?.id ?? "", "--db", db, "--progress", "json"],
      key,
    );
    expect(resumed.code, resumed.stderr).toBe(0);
    for (const text of [ok, estimated, wrong, resumed].flatMap((r) => [r.stdout, r.stderr])) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(key.slice(6));
    }
    for (const file of [db, `${db}-wal`, `${db}-shm`]) {
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from(key.slice(6)))).toBe(false);
    }
    expect(wrong.stderr).toContain("401");
  });
});
