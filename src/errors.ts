/**
 * One error tree for everything ape reports to a user. Each class carries the exit code the CLI
 * uses for it, so the mapping lives in one place and the CLI sets `process.exitCode` once.
 */

/** Exit codes of the `ape` command, documented in the README. */
export const EXIT = {
  ok: 0,
  /** A bug in ape: an error it did not expect. */
  internal: 1,
  /** Bad input: a task file, a flag, a spec. Nothing was written. */
  usage: 2,
  /** A model server or a model download could not be reached (connection refused, DNS, timeout). */
  unreachable: 3,
  /** The server answered but refused: bad key, unknown model, a feature it does not have, a model download not found or not allowed. */
  model: 4,
  /** A budget (calls, tokens, cost) ran out; the run is stored and can be resumed. */
  budget: 5,
  /** The results database or an output file could not be read or written: disk full, read-only, I/O error. */
  storage: 6,
  /** Cancelled by the user (Ctrl-C / AbortSignal); the run is stored and can be resumed. */
  cancelled: 130,
} as const;

/** Base of every error ape raises on purpose. */
export class ApeError extends Error {
  /** The exit code the CLI uses for this error. */
  readonly exitCode: number;

  constructor(message: string, exitCode: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** A flag or option that makes no sense; the message names it and says what to give instead. */
export class UsageError extends ApeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT.usage, options);
  }
}

/** One problem found in a task file. */
export interface TaskIssue {
  /** Path of the field inside the file, e.g. `examples[3].output`. */
  readonly path: string;
  readonly message: string;
}

/** A task file that cannot be used; lists every problem with its file, field and example index. */
export class TaskError extends ApeError {
  readonly file: string;
  readonly issues: readonly TaskIssue[];

  constructor(file: string, issues: readonly TaskIssue[], options?: { cause?: unknown }) {
    const shown = issues.slice(0, 20).map((i) => `  ${file}: ${i.path ? `${i.path}: ` : ""}${i.message}`);
    const more = issues.length > 20 ? [`  … and ${issues.length - 20} more`] : [];
    super([`invalid task file ${file}:`, ...shown, ...more].join("\n"), EXIT.usage, options);
    this.file = file;
    this.issues = issues;
  }
}

/** Details of a ConnectionError. */
export interface ConnectionErrorOptions {
  /**
   * The whole message, for a host that is not a model server (a model download); by default the
   * message names the server and says to check `--base-url`.
   */
  readonly message?: string;
  readonly cause?: unknown;
}

/** A model server, or a host a model is downloaded from, could not be reached at all. */
export class ConnectionError extends ApeError {
  readonly url: string;
  /** Connection faults are worth retrying a few times before giving up. */
  readonly transient = true;

  constructor(url: string, detail: string, options: ConnectionErrorOptions = {}) {
    super(options.message ?? `cannot reach the model server at ${url}: ${detail}. Is the server running? Check --base-url.`, EXIT.unreachable, {
      cause: options.cause,
    });
    this.url = url;
  }
}

/** Details of a ModelError. */
export interface ModelErrorOptions {
  /** HTTP status, when the server sent one. */
  readonly status?: number | undefined;
  /** A fault that may go away if the call is tried again (429, 5xx, a dropped connection, a garbled answer). */
  readonly transient?: boolean;
  /** How long the server asked us to wait (`retry-after`), in milliseconds. */
  readonly retryAfterMs?: number | undefined;
  /** The server's own words (its error body's message), when it sent some. */
  readonly serverMessage?: string | undefined;
  readonly cause?: unknown;
}

/** The server answered, but not with something usable (auth, unknown model, bad answer). */
export class ModelError extends ApeError {
  readonly url: string;
  /** HTTP status, when the server sent one. */
  readonly status: number | undefined;
  /** Worth retrying: the fault may go away. */
  readonly transient: boolean;
  /** Server-requested wait before retrying, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** The server's own words (its error body's message), when it sent some. */
  readonly serverMessage: string | undefined;

  constructor(url: string, message: string, options: ModelErrorOptions = {}) {
    super(`${url}: ${message}`, EXIT.model, { cause: options.cause });
    this.url = url;
    this.status = options.status;
    this.serverMessage = options.serverMessage;
    this.transient = options.transient ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The server cannot do what was asked (e.g. prompt log-probs for the logprob scorer). */
export class CapabilityError extends ApeError {
  constructor(message: string) {
    super(message, EXIT.model);
  }
}

/** A budget cap would be passed by the next call; the run stops cleanly and can be resumed. */
export class BudgetError extends ApeError {
  constructor(message: string) {
    super(message, EXIT.budget);
  }
}

/**
 * The disk refused: the results database or an output file could not be written (disk or quota
 * full, a read-only file or file system, an I/O error). Nothing ape wrote before is lost.
 */
export class StorageError extends ApeError {
  /** The file that could not be written. */
  readonly file: string;
  /** What the system said: an SQLite code (`SQLITE_FULL`) or an errno code (`ENOSPC`). */
  readonly code: string;

  constructor(message: string, file: string, code: string, options?: { cause?: unknown }) {
    super(message, EXIT.storage, options);
    this.file = file;
    this.code = code;
  }
}

/** The run was cancelled through its AbortSignal (Ctrl-C on the CLI). */
export class CancelledError extends ApeError {
  constructor(message = "cancelled") {
    super(message, EXIT.cancelled);
  }
}
