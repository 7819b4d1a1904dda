/**
 * The HTTP transport of the openai-compatible backend: a `fetch` for the `openai` client built on
 * undici's pooled `request` API over keep-alive connections. Node's built-in `fetch` runs the
 * whole WHATWG fetch algorithm and streams for every request, and costs about 2.4 times as much
 * CPU per request (`test/bench/gateway-overhead.bench.ts`); against a local model server answering
 * thousands of short requests a second, that alone would make the client the bottleneck. Its
 * plain `post` serves the hot path (json-post.ts) without building a WHATWG Response at all.
 */
import { Agent, type Dispatcher } from "undici";
import type { ClientOptions } from "openai";
import { nestFlatError } from "./flat-error.js";

/** A fetch-compatible function, as the `openai` client takes it. */
export type Fetch = NonNullable<ClientOptions["fetch"]>;

/** What a POST got back, read whole: its status, headers (undici's record) and body text. */
export interface Answer {
  readonly status: number;
  readonly headers: Dispatcher.ResponseData["headers"];
  readonly text: string;
}

/** A `fetch` with its own connection pool, the same pool's plain POST, and the way to close it. */
export interface Transport {
  readonly fetch: Fetch;
  /**
   * POST `body` (JSON text) to `url` and read the whole answer, without building a WHATWG
   * Response (the hot path: see json-post.ts). `timeoutMs` bounds the wait for the headers and
   * between parts of the body (undici's HeadersTimeoutError, BodyTimeoutError).
   */
  post(url: string, headers: Record<string, string>, body: string, timeoutMs: number, signal?: AbortSignal): Promise<Answer>;
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
    return new Response(NO_BODY.has(res.statusCode) ? null : body, { status: res.statusCode, headers: toHeaders(res.headers) });
  };
  const post = async (url: string, headers: Record<string, string>, body: string, timeoutMs: number, signal?: AbortSignal): Promise<Answer> => {
    const { origin, pathname, search } = new URL(url);
    const res = await agent.request({
      origin,
      path: `${pathname}${search}`,
      method: "POST",
      headers,
      body,
      signal: signal ?? null,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers, text: res.statusCode >= 400 ? nestFlatError(text) : text };
  };
  return { fetch: send, post, close: () => agent.destroy() };
}

/** undici's header record as WHATWG Headers (what the `openai` client and its errors read). */
export function toHeaders(record: Answer["headers"]): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(record)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
  }
  return headers;
}

/** The body of a request: the JSON text every call of this backend sends. */
function requestBody(body: RequestInit["body"]): string | Uint8Array | null {
  if (body === undefined || body === null) return null;
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  throw new TypeError(`the model transport sends text or bytes, not ${Object.prototype.toString.call(body)}`);
}
