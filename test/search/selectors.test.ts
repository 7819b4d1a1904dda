import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { dedupeKey } from "../../src/propose/proposal.js";
import { SELECTORS } from "../../src/select/index.js";
import { BEST, startWorld } from "../support/sim/fixture.js";
import type { SimServer } from "../support/sim/index.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";
import { captured, searchArgs } from "../support/cli.js";
import { readDb } from "../support/db.js";

let server: SimServer;
beforeAll(async () => {
  server = await startWorld();
});
afterAll(async () => {
  await server.close();
});

describe.each(SELECTORS)("ape search --selector %s", (name) => {
  it("picks the instruction the simulated model rewards, and records the strategy", async () => {
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const ctx = captured();
    const args = searchArgs(writeWorldTask(dir), server.url, [
      "--selector",
      name,
      "--candidates",
      "12",
      "--seed",
      "4",
      "--db",
      db,
      "--json",
      "--progress",
      "none",
    ]);
    expect(await main(args, ctx)).toBe(0);
    const doc = JSON.parse(ctx.out()) as { selector: string; winner: { text: string }; totals: { evaluations: number } };
    expect(doc.selector).toBe(name);
    expect(dedupeKey(doc.winner.text)).toBe(dedupeKey(BEST));
    expect(readDb<{ selector: string }>(db, "SELECT selector FROM runs")[0]?.selector).toBe(name);
    // No strategy scores more than exhaustive would: every candidate on the eval split, plus finalize's test split.
    const evals = readDb<{ n: number; pool: number }>(
      db,
      "SELECT (SELECT count(*) FROM evaluations WHERE split = 'eval') AS n, (SELECT count(*) FROM candidates WHERE origin != 'reference') AS pool",
    )[0];
    expect(evals?.n).toBeLessThanOrEqual((evals?.pool ?? 0) * 40);
  });
});

describe("ape search --min-evidence", () => {
  it("confirms the winner on that many eval examples, keeps the setting with the run, and refuses 0", async () => {
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const task = writeWorldTask(dir);
    const run = async (extra: string[]) => {
      const ctx = captured();
      const args = searchArgs(task, server.url, ["--candidates", "12", "--seed", "4", "--db", db, "--json", "--progress", "none", "--fresh", ...extra]);
      return { code: await main(args, ctx), ctx };
    };
    // Exhaustive on a budget of about 8 examples per candidate keeps enough back to confirm its leader.
    const { code, ctx } = await run(["--selector", "exhaustive", "--eval-budget", "130", "--min-evidence", "35"]);
    expect(code).toBe(0);
    const doc = JSON.parse(ctx.out()) as { runId: string; winner: { evalCount: number } };
    expect(doc.winner.evalCount).toBeGreaterThanOrEqual(35);
    const config = readDb<{ config: string }>(db, "SELECT config FROM runs WHERE id = ?", doc.runId)[0]?.config ?? "{}";
    expect((JSON.parse(config) as { minEvidence: number }).minEvidence).toBe(35);
    const bad = await run(["--min-evidence", "0"]);
    expect(bad.code).toBe(2);
    expect(bad.ctx.err()).toContain("--min-evidence must be a whole number ≥ 1");
  });
});
