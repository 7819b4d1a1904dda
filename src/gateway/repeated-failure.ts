/**
 * A server error that repeats word for word on the same request is deterministic: the same
 * request with the same seed makes the server fail the same way (llama.cpp answers 500 "The model
 * produced output that does not match the expected Content-only format" every time a seeded
 * sample is not valid UTF-8). Retrying it only waits; two identical tries are enough to know.
 */
import { ModelError } from "../errors.js";
import { option, say } from "../message.js";

/**
 * Statuses whose identical repetition means a deterministic failure. 502/503/504 and 429 say the
 * server is busy or away (the same words every time, and worth waiting for), so they are left out.
 */
const DETERMINISTIC_STATUSES = new Set([500]);

/** The status and server words of a failure that may be deterministic, or `undefined`. */
function signature(error: unknown): string | undefined {
  if (!(error instanceof ModelError) || error.status === undefined || !DETERMINISTIC_STATUSES.has(error.status)) return undefined;
  return `${error.status} ${error.serverMessage ?? error.message}`;
}

/** Watches the tries of one request: the second identical failure in a row becomes a non-transient error that says what to do. */
export class RepeatedFailure {
  private last: string | undefined;

  /** `error` as it should be thrown: itself, or a stop with advice when it repeats the previous try's failure word for word. */
  check(error: unknown): unknown {
    const now = signature(error);
    const repeated = now !== undefined && now === this.last;
    this.last = now;
    if (!repeated || !(error instanceof ModelError)) return error;
    const words = error.serverMessage ?? error.message;
    return new ModelError(
      error.url,
      say`the server failed this request twice the same way (${error.status ?? "?"}: "${words}"); retrying the same request would fail again, so ape stopped. Look for the cause in the server's log: a llama.cpp "does not match the expected … format" error means the model wrote text the server cannot send (often invalid UTF-8 from a model with byte tokens). Serve another model or build, or start a new run with another ${option("seed")}; the run is stored, and the same search continues it once the server is fixed.`,
      { status: error.status, serverMessage: error.serverMessage, cause: error },
    );
  }
}
