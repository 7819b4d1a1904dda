/**
 * One open results database and its write queue. Calls, evaluations and candidate updates, the many
 * small writes, are queued and committed together once per turn of the event loop (a call before its
 * answer is used, so a crash loses at most the calls in flight); every other write is committed at
 * once, after whatever is queued. Every read sees every queued write first, in order.
 */
import type { Statement, Transaction } from "better-sqlite3";
import { type OpenOptions, openDatabase, type SqliteDatabase } from "./database.js";
import { asStorageError } from "./storage-fault.js";

/** Raw read-only SQL on the file, for tables without a module of their own (suites) and for inspection. */
export interface SqlReader {
  /** The file it was opened from. */
  readonly file: string;
  /** Run a read-only SQL query (after whatever is queued). */
  query<T>(sql: string, ...params: readonly unknown[]): T[];
}

/** Raw SQL writes on the file, for tables without a module of their own (suites). */
export interface SqlAccess extends SqlReader {
  /** Run one write now (after whatever is queued) and return how many rows it changed. */
  execute(sql: string, ...params: readonly unknown[]): number;
  /**
   * Run `fn` (after whatever is queued) in one write transaction that takes the write lock at once
   * (`BEGIN IMMEDIATE`), so what it reads still holds when it writes: two processes never both
   * claim one run or suite.
   */
  exclusive<R>(fn: () => R): R;
}

/** Waiting until queued writes are on disk. */
export interface Committer {
  /**
   * Resolves once every write queued so far (calls, evaluations, candidate updates) is committed.
   * Writes queued in the same turn of the event loop share one transaction.
   */
  commit(): Promise<void>;
}

/** Giving up on writes the disk refused. */
export interface Discarder {
  /**
   * Forget the writes not committed yet, after the disk refused them (a full disk, a read-only
   * file), so that what must still be written (how the run ended) is not held up behind them.
   */
  discard(): void;
}

/**
 * Writes of one kind queued together: the items added before the next commit are written by one
 * call of `write` (calls: one insert each, and each run's totals updated once).
 */
export class QueuedBatch<T> {
  private items: T[] | undefined;

  constructor(
    private readonly queue: (write: () => void) => void,
    private readonly write: (items: readonly T[]) => void,
  ) {}

  /** Queue `items` with the others of this batch (a new batch when the last was committed or discarded). */
  add(items: readonly T[]): void {
    if (!this.items) {
      const batch: T[] = [];
      this.items = batch;
      this.queue(() => this.write(batch));
    }
    this.items.push(...items);
  }

  /** Later items start a new batch: this one is being committed, or was discarded. */
  close(): void {
    this.items = undefined;
  }
}

/** The ISO time now, as every table stores it. */
export const now = (): string => new Date().toISOString();

/** An open database: prepared statements, the write queue and its commits. */
export class Connection implements SqlAccess, Committer, Discarder {
  readonly file: string;
  private readonly db: SqliteDatabase;
  /** Prepared statements by SQL text: better-sqlite3's `prepare` costs more than the write itself. */
  private readonly statements = new Map<string, Statement<unknown[], unknown>>();
  /** Writes waiting for the next commit, in the order made. */
  private queued: (() => void)[] = [];
  private flushing = false;
  private committing: Promise<void> | undefined;
  private writeQueued: Transaction<(writes: readonly (() => void)[]) => void> | undefined;
  private readonly batches: Pick<QueuedBatch<unknown>, "close">[] = [];

  /** Open (creating and migrating if needed, unless `options.readOnly`) the database at `file`. */
  constructor(file: string, options: OpenOptions = {}) {
    this.file = file;
    this.db = openDatabase(file, options);
  }

  /**
   * The prepared statement for `text`, after committing whatever is queued. `Row` is the shape of
   * the rows it reads (a row type of rows.ts, or the columns it selects): the one place where the
   * store says what SQL returns, so its readers need no casts.
   */
  sql<Row = unknown>(text: string): Statement<unknown[], Row> {
    // Whatever is read or written next sees every queued write first, in order.
    if (!this.flushing) this.flush();
    const cached = this.statements.get(text);
    if (cached) return cached as Statement<unknown[], Row>;
    const statement = this.db.prepare<unknown[], Row>(text);
    this.statements.set(text, statement);
    return statement;
  }

  /** Queue a write for the next commit (`commit`, `flush`, or any read or immediate write). */
  enqueue(write: () => void): void {
    this.queued.push(write);
  }

  /** A batch of like writes, each batch committed with the queue (see QueuedBatch). */
  batch<T>(write: (items: readonly T[]) => void): QueuedBatch<T> {
    const batch = new QueuedBatch<T>((w) => this.enqueue(w), write);
    this.batches.push(batch);
    return batch;
  }

  /** Wrap `fn` in a transaction (run it with `.immediate(...)` to take the write lock at once). */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): Transaction<(...args: A) => R> {
    return this.db.transaction(fn);
  }

  /** Commit what is queued, then close the file (closed even when that commit fails). */
  close(): void {
    if (!this.db.open) return;
    try {
      this.flush();
    } finally {
      this.db.close();
    }
  }

  execute(sql: string, ...params: readonly unknown[]): number {
    return this.sql(sql).run(...params).changes;
  }

  exclusive<R>(fn: () => R): R {
    this.flush();
    return this.db.transaction(fn).immediate();
  }

  query<T>(sql: string, ...params: readonly unknown[]): T[] {
    this.flush();
    return this.db.prepare<unknown[], T>(sql).all(...params);
  }

  commit(): Promise<void> {
    this.committing ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        this.committing = undefined;
        try {
          this.flush();
          resolve();
        } catch (error) {
          reject(error);
        }
      });
    });
    return this.committing;
  }

  discard(): void {
    this.queued = [];
    for (const b of this.batches) b.close();
  }

  /** Commit every queued write now, in one transaction. @throws StorageError when the disk refuses. */
  flush(): void {
    if (this.queued.length === 0 || this.flushing) return;
    const writes = this.queued;
    this.queued = [];
    for (const b of this.batches) b.close();
    this.writeQueued ??= this.db.transaction((list: readonly (() => void)[]) => {
      for (const write of list) write();
    });
    this.flushing = true;
    try {
      this.writeQueued.immediate(writes);
    } catch (error) {
      // Nothing of a failed commit is lost: it stays queued, and the next commit (or read) tries
      // again and reports what keeps failing.
      this.queued = [...writes, ...this.queued];
      throw asStorageError(error, this.file, "write the results database");
    } finally {
      this.flushing = false;
    }
  }
}
