import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { simServers } from "../support/sim/per-test.js";
import { main } from "../../src/cli/main.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";
import { captured, searchArgs } from "../support/cli.js";
import { readDb, paidCalls, ranking } from "../support/db.js";

/** Run the CLI in-process (same code path as the binary, without starting a process each time). */
async function ape(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const ctx = captured();
  const code = await main(args, ctx);
  return { code, stdout: ctx.out(), stderr: ctx.err() };
}

const sims = simServers();

interface Totals {
  id: string;
  status: string;
  calls: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost_usd: number;
}

describe("budgets", () => {
  it("are never passed (calls, tokens, cost), and resuming with a larger budget finishes the run", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const task = writeWorldTask(dir);
    const prices = join(dir, "prices.json");
    writeFileSync(prices, JSON.stringify({ "sim-model": { input: 10, output: 30 } }));
    const base = searchArgs(task, server.url, ["--candidates", "10", "--seed", "2", "--prices", prices, "--progress", "none", "--json"]);

    const cleanDb = join(dir, "clean.db");
    expect((await ape([...base, "--db", cleanDb])).code).toBe(0);
    const [full] = readDb<Totals>(cleanDb, "SELECT * FROM runs");
    expect(full?.cost_usd).toBeGreaterThan(0);
    const caps = [
      ["--max-calls", Math.floor((full?.calls ?? 0) / 3)],
      ["--max-tokens", Math.floor(((full?.prompt_tokens ?? 0) + (full?.completion_tokens ?? 0)) / 2)],
      ["--max-cost", ((full?.cost_usd ?? 0) * 2) / 3],
    ] as const;
    for (const [flag, cap] of caps) {
      const db = join(dir, `${flag.slice(2)}.db`);
      const stopped = await ape([...base, "--db", db, flag, String(cap)]);
      expect(stopped.code, stopped.stderr).toBe(5);
      expect(stopped.stderr).toContain(flag);
      expect(stopped.stderr).toContain("ape resume");
      const [run] = readDb<Totals>(db, "SELECT * FROM runs");
      expect(run?.status).toBe("budget");
      const spent = {
        "--max-calls": run?.calls ?? 0,
        "--max-tokens": (run?.prompt_tokens ?? 0) + (run?.completion_tokens ?? 0),
        "--max-cost": run?.cost_usd ?? 0,
      }[flag];
      expect(spent).toBeLessThanOrEqual(cap);
      expect(spent).toBeGreaterThan(0);
      // The calls table agrees with the run's totals: nothing was paid for outside them.
      expect(paidCalls(db)).toBe(run?.calls);

      const resumed = await ape(["resume", run?.id ?? "", "--db", db, flag, String(cap * 10), "--progress", "none", "--json"]);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(readDb<Totals>(db, "SELECT * FROM runs")[0]?.status).toBe("done");
      expect(ranking(db)).toEqual(ranking(cleanDb));
      expect(paidCalls(db)).toBe(full?.calls);
    }
  });

  it("refuses a cost cap it cannot enforce, for a paid model with no known price, before calling or storing anything", async () => {
    const server = await sims.world({ models: ["gpt-unpriced"] });
    const dir = tempDir();
    const task = writeWorldTask(dir);
    const db = join(dir, "ape.db");
    const args = ["--task", task, "--model", "openai:gpt-unpriced", "--base-url", server.url, "--candidates", "6", "--db", db];
    const refused = await ape(["search", ...args, "--max-cost", "1", "--progress", "none"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("gpt-unpriced");
    expect(refused.stderr).toContain("--prices");
    expect(server.stats.requests).toEqual({});
    expect(existsSync(db)).toBe(false);
    // The estimate says the cost is unknown rather than $0.
    const estimate = await ape(["estimate", ...args]);
    expect(estimate.code).toBe(0);
    expect(estimate.stdout).toMatch(/no price known for openai:gpt-unpriced/);
    expect(estimate.stdout).not.toMatch(/total.*\$0\s*$/m);
    // Given its price, the same cap is enforced.
    const prices = join(dir, "prices.json");
    writeFileSync(prices, JSON.stringify({ "gpt-unpriced": { input: 10, output: 30 } }));
    const capped = await ape(["search", ...args, "--max-cost", "0.0001", "--prices", prices, "--progress", "none"]);
    expect(capped.code, capped.stderr).toBe(5);
  });
});
