/**
 * Turning what the `openai` client throws into ape's error tree, with messages that name the
 * server and say what to do. The API key is never part of a message: what the server said is
 * scrubbed of `secrets` (ModelError does it), and the client's own error, which holds the server's
 * words as they came, is not kept as the cause.
 */
import { APIConnectionError, APIError, APIUserAbortError } from "openai";
import { ApeError, CancelledError, ConnectionError, ModelError } from "../../errors.js";
import { describeNetworkCause } from "../network-cause.js";
import type { Secrets } from "../../secrets.js";
import { option, say } from "../../message.js";

/** Map any error from a call to `url` onto ApeError; `secrets` are the keys the call sent. */
export function toApeError(error: unknown, url: string, model: string, secrets: Secrets): ApeError {
  if (error instanceof ApeError) return error;
  if (error instanceof APIUserAbortError) return new CancelledError();
  if (error instanceof APIConnectionError) {
    const detail = error.message.includes("timed out") ? "the request timed out" : describeNetworkCause(error);
    return new ConnectionError(url, detail, { cause: error });
  }
  if (error instanceof APIError) {
    const status = error.status;
    const serverMessage = messageOf(error);
    const retryAfterMs = retryAfter(error.headers);
    if (status === 401 || status === 403) {
      return new ModelError(url, say`the server refused the API key (${status}): ${serverMessage}. Set ${option("apiKey")} to a valid key.`, {
        status,
        serverMessage,
        secrets,
      });
    }
    if (status === 404) {
      return new ModelError(
        url,
        say`not found (404) for model "${model}": ${serverMessage}. Check the model name (\`/v1/models\` lists what the server serves) and ${option("baseUrls")}.`,
        { status, serverMessage, secrets },
      );
    }
    if (status === 400 && TOO_LONG.test(serverMessage)) {
      return new ModelError(url, say`a prompt does not fit the model's context (the server answered 400: ${serverMessage}). ${CONTEXT_ADVICE}`, {
        status,
        serverMessage,
        secrets,
      });
    }
    const transient = status === 408 || status === 409 || status === 429 || (status !== undefined && status >= 500);
    return new ModelError(url, `the server answered ${status ?? "an error"}: ${serverMessage}`, {
      status,
      transient,
      retryAfterMs,
      serverMessage,
      secrets,
    });
  }
  if (error instanceof SyntaxError) {
    return new ModelError(url, `the server sent a response that is not valid JSON (${error.message})`, { transient: true, secrets });
  }
  if (error instanceof Error && error.name === "AbortError") return new CancelledError();
  const text = error instanceof Error ? error.message : String(error);
  return new ModelError(url, `unexpected failure: ${text}`, { transient: true, secrets });
}

/**
 * The servers' words for a request longer than the context: llama.cpp "request (538 tokens) exceeds
 * the available context size (512 tokens)" (recorded from the real llama-server), vLLM and OpenAI
 * "This model's maximum context length is …", OpenAI's code `context_length_exceeded`, SGLang
 * "The input (… tokens) is longer than the model's context length (… tokens)".
 */
const TOO_LONG = /exceeds the available context size|maximum context length|context_length_exceeded|longer than the model's context length/i;

/** What to do about a prompt longer than the context, in ape's flags and the servers' own. */
const CONTEXT_ADVICE = say`Show fewer demos (${option("demos")}: a new run), or serve the model with a longer context (llama-server: -c, which its -np slots share; vLLM: --max-model-len; SGLang: --context-length) and run the same command again to continue this run.`;

function messageOf(error: APIError): string {
  const body: unknown = error.error;
  if (body && typeof body === "object") {
    const inner = "message" in body ? body.message : undefined;
    if (typeof inner === "string") return inner;
  }
  return error.message.replace(/^\d{3}\s*/, "");
}

function retryAfter(headers: Headers | undefined): number | undefined {
  const ms = headers?.get("retry-after-ms");
  if (ms && Number.isFinite(Number(ms))) return Number(ms);
  const s = headers?.get("retry-after");
  if (s && Number.isFinite(Number(s))) return Number(s) * 1000;
  if (s) {
    const at = Date.parse(s);
    if (Number.isFinite(at)) return Math.max(0, at - Date.now());
  }
  return undefined;
}
