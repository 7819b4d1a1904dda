import { existsSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { dedupeKey } from "../../src/propose/proposal.js";
import { BEST } from "../support/sim/fixture.js";
import { simServers } from "../support/sim/per-test.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";
import { ape, captured, searchArgs } from "../support/cli.js";

const sims = simServers();

describe("ape search (the real binary)", () => {
  it("prints one JSON document with the rewarded instruction first, and stores a run readable with plain SQL", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const r = await ape(searchArgs(writeWorldTask(dir), server.url, ["--candidates", "12", "--seed", "5", "--db", db, "--json"]), {
      env: { OPENAI_API_KEY: "sk-secret-test-key" },
    });
    expect(r.stderr).not.toContain("internal error");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { runId: string; winner: { text: string }; candidates: { text: string }[] };
    expect(dedupeKey(doc.winner.text)).toBe(dedupeKey(BEST));
    expect(doc.candidates[0]?.text).toBe(doc.winner.text);

    const sql = new Database(db, { readonly: true });
    const best = sql.prepare("SELECT c.text FROM runs r JOIN candidates c ON c.id = r.best_candidate_id WHERE r.id = ?").get(doc.runId) as { text: string };
    expect(best.text).toBe(doc.winner.text);
    const dump = JSON.stringify([sql.prepare("SELECT * FROM runs").all(), sql.prepare("SELECT * FROM calls").all()]);
    expect(dump).not.toContain("sk-secret-test-key");
    sql.close();

    const runs = await ape(["runs", "--db", db]);
    expect(runs.stdout).toContain(doc.runId);
    const show = await ape(["show", doc.runId.slice(0, 6), "--db", db]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(doc.winner.text);
  });

  it("exits 3 naming the URL when the server is unreachable, and 2 for a bad task file, writing nothing", async () => {
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const down = await ape(searchArgs(writeWorldTask(dir), "http://127.0.0.1:9/v1", ["--db", db], "vllm:m"));
    expect(down.code).toBe(3);
    expect(down.stderr).toContain("http://127.0.0.1:9/v1");
    expect(down.stderr).not.toMatch(/\n\s+at /);

    const db2 = join(dir, "other.db");
    const bad = await ape(["search", "--task", join(dir, "missing.json"), "--model", "vllm:m", "--db", db2]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("missing.json");
    expect(existsSync(db2)).toBe(false);
  });
});

describe("ape search (in-process)", () => {
  it("stops on an invalid flag value before doing anything, listing the valid choices", async () => {
    const dir = tempDir();
    const ctx = captured();
    const code = await main(["search", "--task", writeWorldTask(dir), "--scorer", "accuracy", "--db", join(dir, "a.db")], ctx);
    expect(code).toBe(2);
    expect(ctx.err()).toMatch(/scorer.*"exec", "logprob"/s);
    expect(existsSync(join(dir, "a.db"))).toBe(false);
  });

  it("refuses --scorer logprob on a server without prompt log-probs, never scoring at chance", async () => {
    const server = await sims.world({ family: "llamacpp" });
    const dir = tempDir();
    const ctx = captured();
    const code = await main(
      searchArgs(writeWorldTask(dir), server.url, ["--scorer", "logprob", "--db", join(dir, "a.db"), "--progress", "none"], "llamacpp:sim-model"),
      ctx,
    );
    expect(code).toBe(4);
    expect(ctx.err()).toMatch(/--scorer logprob needs exact prompt log-probs.*--scorer exec/);
  });

  it("scores by log-probability where the server has it, and the rewarded instruction still wins", async () => {
    const server = await sims.world({ family: "vllm" });
    const dir = tempDir();
    const ctx = captured();
    const code = await main(
      searchArgs(writeWorldTask(dir), server.url, ["--scorer", "logprob", "--candidates", "12", "--db", join(dir, "a.db"), "--json", "--progress", "none"]),
      ctx,
    );
    expect(ctx.err()).toBe("");
    expect(code).toBe(0);
    const doc = JSON.parse(ctx.out()) as { winner: { text: string; score: number } };
    expect(dedupeKey(doc.winner.text)).toBe(dedupeKey(BEST));
    expect(doc.winner.score).toBeLessThan(0);
  });
});

describe("ape search flag checks", () => {
  it("rejects an empty --task and numbers that are not numbers or are negative, exit 2", async () => {
    for (const args of [
      ["--task", ""],
      ["--task", "x.json", "--candidates", "abc"],
      ["--task", "x.json", "--max-calls", "-3"],
    ]) {
      const ctx = captured();
      expect(await main(["search", ...args], ctx)).toBe(2);
      expect(ctx.err()).toMatch(/--task needs a task file|--candidates needs a number|--max-calls must not be negative/);
    }
  });
});
