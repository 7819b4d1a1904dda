import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captured, searchArgs } from "../support/cli.js";
import { paidCalls, ranking, readDb } from "../support/db.js";
import { simServers } from "../support/sim/per-test.js";
import { RICH_WORLD } from "../search/support.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";

const sims = simServers();

async function ape(args: readonly string[]): Promise<{ code: number; stderr: string }> {
  const ctx = captured();
  const code = await main(args, ctx);
  return { code, stderr: ctx.err() };
}

describe("a search with reflect rounds, stopped and resumed", () => {
  it("chooses the same parents and shows the same failures as it did before the stop, and pays for nothing twice", async () => {
    const server = await sims.world({ world: RICH_WORLD });
    const dir = tempDir();
    const base = searchArgs(writeWorldTask(dir), server.url, [
      "--candidates",
      "8",
      "--rounds",
      "3",
      "--top-k",
      "2",
      "--refine",
      "both",
      "--seed",
      "4",
      "--progress",
      "none",
    ]);
    const cleanDb = join(dir, "clean.db");
    expect((await ape([...base, "--db", cleanDb])).code).toBe(0);
    const full = readDb<{ calls: number }>(cleanDb, "SELECT calls FROM runs")[0]?.calls ?? 0;
    const refined = (db: string) =>
      readDb<{ text: string; origin: string; shown: string | null }>(
        db,
        "SELECT c.text, c.origin, l.shown FROM candidates c LEFT JOIN lineage l ON l.candidate_id = c.id WHERE c.round > 0 ORDER BY c.text, l.position",
      );
    expect(refined(cleanDb).filter((c) => c.origin === "reflect").length).toBeGreaterThan(0);
    // Stopped in the refining rounds, where the first process had scored more than a round needs.
    for (const share of [0.6, 0.8]) {
      const db = join(dir, `stopped-${share}.db`);
      const stopped = await ape([...base, "--db", db, "--max-calls", String(Math.floor(full * share))]);
      expect(stopped.code, stopped.stderr).toBe(5);
      const id = readDb<{ id: string }>(db, "SELECT id FROM runs")[0]?.id ?? "";
      const resumed = await ape(["resume", id, "--db", db, "--max-calls", String(full * 10), "--progress", "none"]);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(ranking(db)).toEqual(ranking(cleanDb));
      expect(refined(db)).toEqual(refined(cleanDb));
      expect(paidCalls(db)).toBe(full);
    }
  });
});
