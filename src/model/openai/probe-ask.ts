/**
 * One probe request and what its answer proves. A feature refused with a deterministic error (400,
 * 404, 422, a 500 or 501 with a message) is "not supported", not a fault: a 5xx is tried once more,
 * quickly, and then believed. Only what says nothing about the feature stops the probe: a server
 * that cannot be reached, a refused key (401/403), or a fault that asks to come back later (429,
 * 503, 408, a timeout), which is retried as every call is.
 */
import { type ApeError, ConnectionError, ModelError } from "../../errors.js";
import { DEFAULT_RETRY, retrying, sleep } from "../retry.js";

/** What one probe request got: an answer (200) or a refusal with the server's words. */
export type Outcome =
  | { readonly ok: true; readonly body: unknown }
  | { readonly ok: false; readonly status: number | undefined; readonly message: string; readonly serverMessage: string };

/** Pause before the one retry of a 5xx refusal. */
const RETRY_5XX_MS = 150;

/** Statuses that ask the client to come back later: retried with the full policy, never read as "no". */
const COME_BACK_LATER = new Set([408, 429, 503]);

/**
 * Send one probe request. `send` resolves to the parsed answer or throws; `toError` maps what it
 * throws onto ape's errors. Resolves to the outcome; throws what must stop the probe.
 */
export async function ask(send: () => Promise<unknown>, toError: (error: unknown) => ApeError, signal?: AbortSignal): Promise<Outcome> {
  const once = async (): Promise<Outcome> => {
    try {
      return { ok: true, body: await send() };
    } catch (error) {
      const e = toError(error);
      if (mustStop(e)) throw e;
      return { ok: false, status: statusOf(e), message: e.message, serverMessage: (e instanceof ModelError ? e.serverMessage : undefined) ?? e.message };
    }
  };
  const first = await retrying(once, DEFAULT_RETRY, Math.random, signal);
  if (first.ok || first.status === undefined || first.status < 500) return first;
  await sleep(RETRY_5XX_MS, signal);
  return retrying(once, DEFAULT_RETRY, Math.random, signal);
}

/** A refusal as an outcome, for answers read by hand (native routes). */
export function refused(status: number, message: string): Outcome {
  return { ok: false, status, message, serverMessage: message };
}

function mustStop(e: ApeError): boolean {
  if (e instanceof ConnectionError) return true;
  if (!(e instanceof ModelError)) return true;
  const status = e.status;
  if (status === 401 || status === 403) return true;
  if (status === undefined) return e.transient;
  return COME_BACK_LATER.has(status);
}

function statusOf(e: ApeError): number | undefined {
  return e instanceof ModelError ? e.status : undefined;
}

/** A refusal in a few words for messages: `500 "Unsupported param: echo"`. */
export function describeRefusal(o: Outcome): string {
  if (o.ok) return "answered";
  return `${o.status ?? "error"} "${o.serverMessage.slice(0, 160)}"`;
}
