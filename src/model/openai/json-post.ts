/**
 * The hot path's requests (completions and chat completions, with log-probs or without: thousands
 * per search) sent over ape's transport without the `openai` client's per-request work: merging
 * options, building headers, formatting a log line, its own abort controller and timer, a WHATWG
 * Response. ape retries on its own (the client is made with `maxRetries: 0`), so the client adds
 * nothing else here. A failure is the client's own error, made as the client makes it
 * (`APIError.generate` from the status, the JSON error body and the headers; APIConnectionError,
 * APIConnectionTimeoutError, APIUserAbortError), so `toApeError` reads both paths alike. The probe
 * and the rare routes keep the client.
 */
import type OpenAI from "openai";
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { toHeaders, type Transport } from "./transport.js";

/** Undici's codes for a request that waited longer than its timeout. */
const TIMEOUTS = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CONNECT_TIMEOUT"]);

/** POST `body` as JSON to `path` under `client`'s base URL, with its API key and timeout; the parsed JSON answer. */
export async function postJson(transport: Transport, client: OpenAI, path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
  const headers = { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${client.apiKey}` };
  let answer: Awaited<ReturnType<Transport["post"]>>;
  try {
    answer = await transport.post(`${client.baseURL.replace(/\/$/, "")}${path}`, headers, JSON.stringify(body), client.timeout, signal);
  } catch (error) {
    if (signal?.aborted) throw new APIUserAbortError();
    const code = error instanceof Error && "code" in error ? error.code : undefined;
    if (typeof code === "string" && TIMEOUTS.has(code)) throw new APIConnectionTimeoutError();
    throw new APIConnectionError({ cause: error instanceof Error ? error : new Error(String(error)) });
  }
  if (answer.status >= 400) {
    const json = safeJson(answer.text);
    throw APIError.generate(answer.status, json, json === undefined ? answer.text : undefined, toHeaders(answer.headers));
  }
  return JSON.parse(answer.text);
}

function safeJson(text: string): object | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === "object" ? parsed : undefined;
  } catch {
    return undefined;
  }
}
