/**
 * Stopping a job: the caller's signal (Ctrl-C, SIGTERM, an AbortController) stops it at once, while
 * the requests it already sent get a grace to be answered and recorded.
 */
import { setMaxListeners } from "node:events";

/** How long a stopped job waits for the requests already sent to be answered and recorded before it drops them. */
const STOP_GRACE_MS = 5_000;

/** The signals of one job, derived from the caller's. */
export interface JobSignals {
  /** Aborted with the caller's: send nothing more, start nothing new. */
  readonly stop: AbortSignal;
  /**
   * What the job's requests carry (one signal for many requests, each adding a listener): aborted
   * STOP_GRACE_MS after `stop`, so a request the server is already answering (and billing) is
   * recorded rather than dropped, and a server that never answers does not hold the stop up.
   */
  readonly signal: AbortSignal;
  /** Unhook from the caller's signal (and forget the grace timer). */
  readonly release: () => void;
}

/** The job's signals (see JobSignals). */
export function jobSignals(caller: AbortSignal | undefined): JobSignals {
  const stop = new AbortController();
  const requests = new AbortController();
  // Each request, and each task of a suite, listens to one of these.
  setMaxListeners(0, stop.signal, requests.signal);
  let timer: NodeJS.Timeout | undefined;
  const onStop = (): void => {
    stop.abort(caller?.reason);
    timer = setTimeout(() => requests.abort(caller?.reason), STOP_GRACE_MS).unref();
  };
  if (caller?.aborted) onStop();
  else caller?.addEventListener("abort", onStop, { once: true });
  return {
    stop: stop.signal,
    signal: requests.signal,
    release: () => {
      caller?.removeEventListener("abort", onStop);
      clearTimeout(timer);
    },
  };
}

/** Call `fn` once `signal` is aborted (at once if it is already). */
export function onAbort(signal: AbortSignal, fn: () => void): void {
  if (signal.aborted) fn();
  else signal.addEventListener("abort", fn, { once: true });
}
