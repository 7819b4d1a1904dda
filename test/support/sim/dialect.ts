/**
 * How each server software words what goes wrong: error bodies, unknown routes and unknown model
 * names, each in the shape the real server sends (docs/servers.md).
 */
import { HttpError } from "./http.js";
import type { Dialect } from "./families.js";

/** A status and the body to send with it. */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

/** FastAPI's exception class names, as vLLM and SGLang put them in `type`. */
function pythonType(status: number): string {
  if (status === 404) return "NotFoundError";
  if (status === 401) return "Unauthorized";
  if (status === 501) return "NotImplementedError";
  if (status >= 500) return "InternalServerError";
  return "BadRequestError";
}

/** llama.cpp's error types by status. */
function llamaType(status: number): string {
  const types: Record<number, string> = {
    400: "invalid_request_error",
    401: "authentication_error",
    404: "not_found_error",
    501: "not_supported_error",
    503: "unavailable_error",
  };
  return types[status] ?? "server_error";
}

/** Ollama's OpenAI-route error types by status (its `NewError`). */
function ollamaType(status: number): string {
  return status === 400 ? "invalid_request_error" : status === 404 ? "not_found_error" : "api_error";
}

/** The body `dialect` sends with `error`. */
export function errorBody(dialect: Dialect, error: HttpError): unknown {
  const { status, message } = error;
  switch (dialect) {
    case "openai":
      return { error: { message, type: error.type ?? (status >= 500 ? "server_error" : "invalid_request_error"), param: null, code: error.code ?? null } };
    case "vllm":
      return { error: { message, type: pythonType(status), param: null, code: status } };
    case "sglang":
      // SGLang's errors are flat: no `error` wrapper.
      return { object: "error", message, type: pythonType(status), param: null, code: status };
    case "llamacpp":
      return { error: { code: status, message, type: llamaType(status) } };
    case "ollama":
      return { error: { message, type: ollamaType(status), param: null, code: null } };
  }
}

/** The answer to a method and path the server does not have. */
export function unknownRoute(dialect: Dialect, method: string, path: string): Reply {
  switch (dialect) {
    case "openai":
      return { status: 404, body: errorBody(dialect, new HttpError(404, `Invalid URL (${method} ${path})`)) };
    case "vllm":
    case "sglang":
      return { status: 404, body: { detail: "Not Found" } };
    case "llamacpp":
      return { status: 404, body: errorBody(dialect, new HttpError(404, "File Not Found")) };
    case "ollama":
      return { status: 404, body: "404 page not found" };
  }
}

/** The refusal of a model name the server does not serve. */
export function unknownModel(dialect: Dialect, name: string): HttpError {
  if (dialect === "ollama") return new HttpError(404, `model '${name}' not found`);
  if (dialect === "openai")
    return new HttpError(404, `The model \`${name}\` does not exist or you do not have access to it.`, "invalid_request_error", "model_not_found");
  return new HttpError(404, `The model \`${name}\` does not exist.`);
}

/** llama.cpp's routes that answer without the API key. */
const LLAMA_PUBLIC = new Set(["/health", "/v1/health", "/models", "/v1/models", "/api/tags"]);

/**
 * Whether a server started with an API key asks for it on `path`: vLLM guards only `/v1/…`,
 * SGLang all but `/health…`, llama.cpp all but its public routes, OpenAI everything.
 */
export function needsKey(dialect: Dialect, path: string): boolean {
  switch (dialect) {
    case "vllm":
      return path.startsWith("/v1/");
    case "sglang":
      return !path.startsWith("/health");
    case "llamacpp":
      return !LLAMA_PUBLIC.has(path);
    case "openai":
    case "ollama":
      return true;
  }
}
