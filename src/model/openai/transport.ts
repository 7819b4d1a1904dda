/**
 * The HTTP transport of the openai-compatible backend: a `fetch` for the `openai` client built on
 * undici's pooled `request` API over keep-alive connections. Node's built-in `fetch` runs the
 * whole WHATWG fetch algorithm and streams for every request, and costs about 2.4 times as much
 * CPU per request (`test/bench/gateway-overhead.bench.ts`); against a local model server answering
 * thousands of short requests a second, that alone would make the client the bottleneck.
 */
import { Agent, type Dispatcher } from "undici";
import type { ClientOptions } from "openai";
import { nestFlatError } from "./flat-error.js";

/** A fetch-compatible function, as the `openai` client takes it. */
export type Fetch = NonNullable<ClientOptions["fetch"]>;

/** A `fetch` with its own connection pool, and the way to close that pool. */
export interface Transport {
  readonly fetch: Fetch;
  /**
   * Close the pooled connections. A request still running is ended (its caller gets an error):
   * closing never waits on a server that does not answer.
   */
  close(): Promise<void>;
}

/** Statuses whose response has no body (a `Response` refuses one). */
const NO_BODY = new Set([101, 204, 205, 304]);

/** A transport with its own keep-alive connection pool. */
export function createTransport(): Transport {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const send = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    const res = await agent.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: (init.method ?? "GET").toUpperCase() as Dispatcher.HttpMethod,
      headers: Object.fromEntries(new Headers(init.headers)),
      body: requestBody(init.body),
      signal: init.signal ?? undefined,
    });
    const body = res.statusCode >= 400 ? nestFlatError(await res.body.text()) : await res.body.arrayBuffer();
    const headers = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
    }
    return new Response(NO_BODY.has(res.statusCode) ? null : body, { status: res.statusCode, headers });
  };
  return { fetch: send, close: () => agent.destroy() };
}

/** The body of a request: the JSON text every call of this backend sends. */
function requestBody(body: RequestInit["body"]): string | Uint8Array | null {
  if (body === undefined || body === null) return null;
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  throw new TypeError(`the model transport sends text or bytes, not ${Object.prototype.toString.call(body)}`);
}
