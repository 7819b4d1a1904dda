/**
 * One request of the openai-compatible backend, sent to a replica: the pool picks the replica (and
 * passes over one that cannot be reached), the request gets its own abort signal, and what it
 * throws becomes one of ape's errors, the API key kept out of its message.
 */
import type OpenAI from "openai";
import { ConnectionError } from "../../errors.js";
import { toApeError } from "./errors.js";
import type { Replica, ReplicaPool } from "./replicas.js";

/** What one request does with the replica's client: `options` carries the request's own signal. */
export type ReplicaTask<T> = (client: OpenAI, options: { signal?: AbortSignal }, url: string) => Promise<T>;

/** Run `task` on a replica of `pool` for `model`, stopped by `signal`; the answer comes with the URL that gave it. */
export function callReplica<T>(pool: ReplicaPool<OpenAI>, model: string, task: ReplicaTask<T>, signal?: AbortSignal): Promise<{ response: T; url: string }> {
  return pool.use(
    async (replica: Replica<OpenAI>) => {
      // The openai client never removes the listener it adds to a request's signal: give each
      // request its own short-lived signal, so the run's signal does not collect thousands.
      const own = signal ? new AbortController() : undefined;
      const onAbort = (): void => own?.abort(signal?.reason);
      if (signal?.aborted) onAbort();
      signal?.addEventListener("abort", onAbort, { once: true });
      try {
        const response = await task(replica.client, own ? { signal: own.signal } : {}, replica.url);
        return { response, url: replica.url };
      } catch (error) {
        throw toApeError(error, replica.url, model, [replica.client.apiKey]);
      } finally {
        signal?.removeEventListener("abort", onAbort);
      }
    },
    (error) => error instanceof ConnectionError,
  );
}
