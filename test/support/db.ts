/** Reading a results database in tests with plain SQL, as any user could: rows, paid calls, a run's ranking. */
import Database from "better-sqlite3";

/** Rows of `sql` from `file`, through a fresh read-only connection. */
export function readDb<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Successful calls paid for (not answered from the cache), in all runs of the file. */
export function paidCalls(file: string): number {
  return readDb<{ n: number }>(file, "SELECT count(*) AS n FROM calls WHERE cached = 0 AND error IS NULL")[0]?.n ?? 0;
}

/** `paidCalls`, or 0 while the file or its tables are not there yet (a process just started, or killed while creating them). */
export function paidSoFar(file: string): number {
  try {
    return paidCalls(file);
  } catch {
    return 0;
  }
}

/** A run's ranking: candidate texts by rank with their eval scores and counts. */
export function ranking(file: string, runId?: string): string[] {
  const run = runId ?? readDb<{ id: string }>(file, "SELECT id FROM runs ORDER BY created_at DESC LIMIT 1")[0]?.id;
  return readDb<{ text: string; score: number | null; eval_count: number; test_score: number | null }>(
    file,
    "SELECT text, score, eval_count, test_score FROM candidates WHERE run_id = ? AND origin != 'reference' ORDER BY rank",
    run,
  ).map((c) => `${c.text} | ${c.score} | ${c.eval_count} | ${c.test_score}`);
}
