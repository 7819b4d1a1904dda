/**
 * One error tree for everything ape reports to a user. Each class carries the exit code the CLI
 * uses for it, so the mapping lives in one place and the CLI sets `process.exitCode` once.
 */
import { type Message, mapText, option, render, say } from "./message.js";
import { type Secrets, scrubSecrets } from "./secrets.js";

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
  /** The metric failed on an example: a metric of yours threw or gave no score in [0, 1], or the judge's reply had no score. The run is stored (failed). */
  metric: 7,
  /** Cancelled by the user (Ctrl-C / AbortSignal); the run is stored and can be resumed. */
  cancelled: 130,
} as const;

/**
 * Base of every error ape raises on purpose. Its `message` names library options (`baseUrls`);
 * `parts` keeps the references, so the CLI can say the same with its flags (`--base-url`).
 */
export class ApeError extends Error {
  /** The exit code the CLI uses for this error. */
  readonly exitCode: number;
  /** The message with its references to options and to continuing a run (src/message.ts). */
  readonly parts: Message;

  constructor(message: string | Message, exitCode: number, options?: { cause?: unknown }) {
    const parts = typeof message === "string" ? [message] : message;
    super(render(parts), options);
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.parts = parts;
  }
}

/** The message parts of any error: an ApeError's own, else its message as text. */
export function partsOf(error: unknown): Message {
  if (error instanceof ApeError) return error.parts;
  return [error instanceof Error ? error.message : String(error)];
}

/** A flag or option that makes no sense; the message names it and says what to give instead. */
export class UsageError extends ApeError {
  constructor(message: string | Message, options?: { cause?: unknown }) {
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
   * message names the server and says to check `baseUrls` (`--base-url`).
   */
  readonly message?: string | Message;
  readonly cause?: unknown;
}

/** A model server, or a host a model is downloaded from, could not be reached at all. */
export class ConnectionError extends ApeError {
  readonly url: string;
  /** Connection faults are worth retrying a few times before giving up. */
  readonly transient = true;

  constructor(url: string, detail: string, options: ConnectionErrorOptions = {}) {
    super(options.message ?? say`cannot reach the model server at ${url}: ${detail}. Is the server running? Check ${option("baseUrls")}.`, EXIT.unreachable, {
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
  /** The keys sent to the server: scrubbed from the message and the server's words (src/secrets.ts). */
  readonly secrets?: Secrets | undefined;
  /** What was thrown; leave it out where it holds the server's words (they would keep the secrets). */
  readonly cause?: unknown;
}

/**
 * The server answered, but not with something usable (auth, unknown model, bad answer). The
 * message and the server's words are scrubbed of secrets (the keys in `secrets`, bearer tokens,
 * `sk-…`-shaped tokens), so what a server quotes never reaches the database, logs or reports.
 */
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

  constructor(url: string, message: string | Message, options: ModelErrorOptions = {}) {
    super(
      mapText(say`${url}: ${message}`, (text) => scrubSecrets(text, options.secrets)),
      EXIT.model,
      { cause: options.cause },
    );
    this.url = url;
    this.status = options.status;
    this.serverMessage = options.serverMessage === undefined ? undefined : scrubSecrets(options.serverMessage, options.secrets);
    this.transient = options.transient ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The server cannot do what was asked (e.g. prompt log-probs for the logprob scorer). */
export class CapabilityError extends ApeError {
  constructor(message: string | Message) {
    super(message, EXIT.model);
  }
}

/** A budget cap would be passed by the next call; the run stops cleanly and can be resumed. */
export class BudgetError extends ApeError {
  constructor(message: string | Message, options?: { cause?: unknown }) {
    super(message, EXIT.budget, options);
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

  constructor(message: string | Message, file: string, code: string, options?: { cause?: unknown }) {
    super(message, EXIT.storage, options);
    this.file = file;
    this.code = code;
  }
}

/**
 * The metric could not score an example: a metric of yours threw, or returned something that is
 * not a score in [0, 1], or an LLM judge's reply had no score. Never a silent 0: a metric that
 * cannot score an example is a bug to fix. The run is stored (failed); the message names the
 * metric and the example.
 */
export class MetricError extends ApeError {
  /** The metric's name. */
  readonly metric: string;
  /** The example it failed on. */
  readonly exampleId: string;

  /** `hint` says what to do (by default: fix the metric and search again). */
  constructor(metric: string, exampleId: string, problem: string, options?: { cause?: unknown; hint?: Message }) {
    const hint = options?.hint ?? ["Fix the metric and search again (the target's answers already paid for come from the cache)."];
    super(say`metric ${metric} failed on example ${JSON.stringify(exampleId)}: ${problem}. ${hint}`, EXIT.metric, { cause: options?.cause });
    this.metric = metric;
    this.exampleId = exampleId;
  }
}

/** The run was cancelled through its AbortSignal (Ctrl-C on the CLI). */
export class CancelledError extends ApeError {
  constructor(message: string | Message = "cancelled", options?: { cause?: unknown }) {
    super(message, EXIT.cancelled, options);
  }
}
