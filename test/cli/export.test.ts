import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CANDIDATE_FIELDS, EVALUATION_FIELDS } from "../../src/report/export.js";
import { ape } from "../support/cli.js";
import { finishedRun, type Finished } from "../support/finished-run.js";

let run: Finished;
let result: { winner: { id: number; text: string; score: number }; candidates: unknown[]; references: unknown[] };
beforeAll(async () => {
  run = await finishedRun("none", [], false);
  result = JSON.parse(run.search.stdout) as typeof result;
});
afterAll(() => run.server.close());

describe("ape export", () => {
  it("--format json: every candidate and reference with the documented fields, the winner first", async () => {
    const r = await ape(["export", run.runId, "--db", run.db]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(result.candidates.length + result.references.length);
    for (const row of rows) expect(Object.keys(row)).toEqual([...CANDIDATE_FIELDS]);
    expect(rows[0]).toMatchObject({
      run_id: run.runId,
      candidate_id: result.winner.id,
      rank: 1,
      text: result.winner.text,
      score: result.winner.score,
      is_winner: true,
    });
    const low = rows[0]?.eval_ci_low as number;
    const high = rows[0]?.eval_ci_high as number;
    expect(low).toBeLessThanOrEqual(result.winner.score);
    expect(high).toBeGreaterThanOrEqual(result.winner.score);
    expect(rows.filter((x) => x.origin === "reference").map((x) => x.text)).toEqual(["Write the opposite of the word."]);
  });

  it("--format csv: a header of the same fields, one row per candidate, quoted text that round-trips", async () => {
    const r = await ape(["export", run.runId, "--format", "csv", "--db", run.db]);
    expect(r.code).toBe(0);
    const table = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(table[0] ?? {})).toEqual([...CANDIDATE_FIELDS]);
    expect(table).toHaveLength(result.candidates.length + result.references.length);
    expect(table[0]?.text).toBe(result.winner.text); // "Write the antonym of the word, its opposite." has a comma
    expect(Number(table[0]?.score)).toBe(result.winner.score);
    expect(table[0]?.is_winner).toBe("true");
    expect(JSON.parse(table[0]?.history ?? "")).toEqual(
      expect.arrayContaining([expect.objectContaining({ round: expect.any(Number), stage: 0, mean: expect.any(Number), count: expect.any(Number) })]),
    );
  });

  it("--what evaluations --format jsonl --out FILE: one line per stored evaluation, written to the file", async () => {
    const out = join(run.dir, "exports", "evals.jsonl");
    const r = await ape(["export", run.runId, "--what", "evaluations", "--format", "jsonl", "--out", out, "--db", run.db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(out);
    const lines = readFileSync(out, "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const sql = new Database(run.db, { readonly: true });
    const count = (sql.prepare("SELECT COUNT(*) AS n FROM evaluations WHERE run_id = ?").get(run.runId) as { n: number }).n;
    sql.close();
    expect(lines).toHaveLength(count);
    expect(Object.keys(lines[0] ?? {})).toEqual([...EVALUATION_FIELDS]);
    expect(lines.every((l) => l.run_id === run.runId && (l.split === "eval" || l.split === "test"))).toBe(true);
  });
});
