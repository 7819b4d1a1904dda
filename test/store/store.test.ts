import { writeFileSync } from "node:fs";
import { callRow } from "../support/call-row.js";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { MIGRATIONS } from "../../src/store/schema.js";
import { Store } from "../../src/store/store.js";
import { tempDir } from "../support/temp.js";

const run = {
  id: "abc123",
  task: "t",
  task_file: "t.json",
  proposer: "vllm:p",
  target: "vllm:t",
  scorer: "exec",
  selector: "multistage",
  seed: 1,
  config: "{}",
  config_hash: "h1",
};

describe("Store", () => {
  it("creates the schema at the current version in WAL mode", () => {
    const file = join(tempDir("ape-store-"), "sub", "ape.db");
    new Store(file).close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(["calls", "candidates", "evaluations", "lineage", "runs", "suites", "task_examples", "tasks"]);
    db.close();
  });

  it("refuses a file that is not a database, naming it", () => {
    const file = join(tempDir("ape-store-"), "junk.db");
    writeFileSync(file, "this is not sqlite ".repeat(100));
    expect(() => new Store(file)).toThrow(UsageError);
    expect(() => new Store(file)).toThrow(file);
  });

  it("keeps candidates unique per run and evaluations idempotent", () => {
    const store = new Store(":memory:");
    store.createRun(run);
    const a = store.addCandidate("abc123", { text: "Say the opposite.", origin: "forward" });
    const b = store.addCandidate("abc123", { text: "Say the opposite.", origin: "forward" });
    expect(b).toEqual({ id: a.id, created: false });
    store.addEvaluation("abc123", a.id, "eval", "e1", "cold", 1);
    store.addEvaluation("abc123", a.id, "eval", "e1", "cold", 1);
    expect(store.evaluations("abc123")).toHaveLength(1);
    store.close();
  });

  it("adds each call to its run's totals, cached calls apart", () => {
    const store = new Store(":memory:");
    store.createRun(run);
    const call = callRow({ run_id: "abc123" });
    store.addCall(call);
    store.addCall({ ...call, cached: 1 });
    const r = store.getRun("abc");
    expect([r.calls, r.cached_calls, r.prompt_tokens, r.completion_tokens, r.cost_usd]).toEqual([1, 1, 10, 2, 0.5]);
    expect(store.cachedResponse("k")).toBe("{}");
    store.close();
  });

  it("commits queued calls and evaluations together, and lets no read miss them", async () => {
    const file = join(tempDir("ape-store-"), "ape.db");
    const store = new Store(file);
    store.createRun(run);
    const c = store.addCandidate("abc123", { text: "Say the opposite.", origin: "forward" });
    const call = callRow({ run_id: "abc123", cost_usd: 0 });
    const other = new Database(file, { readonly: true });
    const seen = (): number[] =>
      [other.prepare("SELECT count(*) AS n FROM calls").get(), other.prepare("SELECT count(*) AS n FROM evaluations").get()].map((r) => (r as { n: number }).n);
    store.addCall(call);
    store.addEvaluations("abc123", c.id, "eval", [{ exampleId: "e1", output: "cold", score: 1, feedback: null }]);
    // Queued: another process does not see them yet; this process's own reads do.
    expect(seen()).toEqual([0, 0]);
    const committed = store.commit();
    store.addCall({ ...call, cache_key: "k2" });
    await committed;
    expect(seen()).toEqual([2, 1]);
    store.addCall({ ...call, cache_key: "k3" });
    expect(store.getRun("abc123").calls).toBe(3);
    expect(seen()).toEqual([3, 1]);
    other.close();
    store.close();
  });

  it("forgets discarded calls and records the calls queued after them, with their run's totals", async () => {
    const store = new Store(":memory:");
    store.createRun(run);
    const call = callRow({ run_id: "abc123" });
    store.addCall({ ...call, cache_key: "lost" });
    store.discard();
    store.addCall({ ...call, cache_key: "k2" });
    store.addCall({ ...call, cache_key: "k3" });
    await store.commit();
    expect(store.calls("abc123").map((c) => c.cache_key)).toEqual(["k2", "k3"]);
    expect(store.getRun("abc123").calls).toBe(2);
    store.close();
  });

  it("never drops a queued write that failed to commit: every later commit reports it", async () => {
    const store = new Store(":memory:");
    store.createRun(run);
    store.addEvaluations("abc123", 9999, "eval", [{ exampleId: "e1", output: "x", score: 1, feedback: null }]);
    await expect(store.commit()).rejects.toThrow(/FOREIGN KEY/);
    expect(() => store.getRun("abc123")).toThrow(/FOREIGN KEY/);
    expect(() => store.close()).toThrow(/FOREIGN KEY/);
    expect(() => store.close()).not.toThrow();
  });

  it("finds a run by a unique prefix and explains a missing one", () => {
    const store = new Store(":memory:");
    store.createRun(run);
    expect(store.getRun("abc").id).toBe("abc123");
    expect(() => store.getRun("zzz")).toThrow(/no run "zzz".*ape runs/);
    store.close();
  });
});

describe("several processes opening one new database at once", () => {
  it("migrate it exactly once, none failing", async () => {
    const { execFile } = await import("node:child_process");
    const { promisify } = await import("node:util");
    const run = promisify(execFile);
    const storeModule = join(import.meta.dirname, "../../dist/store/store.js");
    // Each process loads, then waits for one shared instant, so that all open the file together.
    const script = `const { Store } = await import(${JSON.stringify(storeModule)}); while (Date.now() < Number(process.argv[2])); new Store(process.argv[1]).close();`;
    for (let round = 0; round < 3; round++) {
      const file = join(tempDir("ape-race-"), "ape.db");
      const at = String(Date.now() + 1500);
      const results = await Promise.allSettled(Array.from({ length: 4 }, () => run(process.execPath, ["--input-type=module", "-e", script, file, at])));
      expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      const db = new Database(file, { readonly: true });
      expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
      db.close();
    }
  });
});
