/** Reading a results database in tests with plain SQL, as any user could. */
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
