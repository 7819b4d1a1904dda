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
