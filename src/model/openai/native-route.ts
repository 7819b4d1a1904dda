/**
 * Routes outside the OpenAI protocol that some servers have beside it (llama.cpp's `/infill`,
 * `/tokenize` on llama.cpp and vLLM), sent over the backend's own transport. They live at the
 * server root, not under `/v1`.
 */
import { ConnectionError, ModelError } from "../../errors.js";
import { describeNetworkCause, hasNetworkCode } from "../network-cause.js";
import { toApeError } from "./errors.js";
import type { Fetch } from "./transport.js";
import type { Secrets } from "../../secrets.js";

/** The server root for routes outside `/v1`. */
export function serverRoot(url: string): string {
  return url.replace(/\/v1\/?$/, "");
}

/** What a native route answered: its status and its JSON body (`undefined` when not JSON). */
export interface NativeAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * POST `body` as JSON to `route` at the root of `url` (GET where `body` is undefined), with the API
 * key as the other routes send it (llama.cpp started with `--api-key` asks for it on these routes
 * too). Network failures become ConnectionErrors (naming `url`); any HTTP answer, refusals
 * included, is returned for the caller to read.
 */
export async function postNative(fetch: Fetch, url: string, apiKey: string | null, route: string, body: unknown, signal?: AbortSignal): Promise<NativeAnswer> {
  const headers: Record<string, string> = { "content-type": "application/json", ...(apiKey === null ? {} : { authorization: `Bearer ${apiKey}` }) };
  const init: RequestInit = body === undefined ? { method: "GET", headers } : { method: "POST", headers, body: JSON.stringify(body) };
  if (signal) init.signal = signal;
  let response: Response;
  try {
    response = await fetch(`${serverRoot(url)}${route}`, init);
  } catch (error) {
    if (error instanceof Error && hasNetworkCode(error)) throw new ConnectionError(url, describeNetworkCause(error), { cause: error });
    throw toApeError(error, url, "", [apiKey]);
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed };
}

/** The message a native route's error body carries (`{error: {message}}` or flat `{message}`). */
export function nativeMessage(answer: NativeAnswer): string {
  const b = answer.body;
  if (b && typeof b === "object") {
    const inner = "error" in b && b.error && typeof b.error === "object" ? b.error : b;
    if ("message" in inner && typeof inner.message === "string") return inner.message;
    // FastAPI servers (vLLM, SGLang) answer an unknown route with `{"detail": "Not Found"}`.
    if ("detail" in b && typeof b.detail === "string") return b.detail;
  }
  return `status ${answer.status}`;
}

/** The ModelError a failed native call means (5xx and 429 may pass: transient); `secrets` are the keys the call sent. */
export function nativeFailure(url: string, route: string, answer: NativeAnswer, secrets: Secrets): ModelError {
  const status = answer.status;
  return new ModelError(url, `${route} answered ${status}: ${nativeMessage(answer).slice(0, 300)}`, {
    status,
    transient: status >= 500 || status === 429,
    serverMessage: nativeMessage(answer),
    secrets,
  });
}
