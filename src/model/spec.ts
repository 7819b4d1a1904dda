/**
 * Model specs: `backend:model`, e.g. `vllm:Qwen/Qwen2.5-7B-Instruct`, `ollama:qwen2.5:7b`,
 * `gguf:./model.gguf`. Only the first colon separates the backend, so model names keep theirs.
 */
import { UsageError } from "../errors.js";
import { BACKENDS, findBackend } from "./backends.js";
import type { ModelSpec } from "./types.js";
import { option, say } from "../message.js";

/** The model used when none is named: a small instruct model run in-process (downloaded once). */
export const DEFAULT_MODEL = "gguf:hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF:Q4_K_M";

/** Parse a spec; `baseUrls` (from `--base-url`, possibly several) replace the backend's default. */
export function parseSpec(spec: string, baseUrls: readonly string[] = []): ModelSpec {
  const at = spec.indexOf(":");
  const backend = at < 0 ? "" : spec.slice(0, at);
  const model = at < 0 ? spec : spec.slice(at + 1);
  const entry = findBackend(backend);
  if (entry === undefined) {
    throw new UsageError(
      `model spec "${spec}" must start with a backend: one of ${BACKENDS.map((b) => `${b}:`).join(", ")} (e.g. vllm:Qwen/Qwen2.5-7B-Instruct or gguf:./model.gguf).`,
    );
  }
  if (model.trim() === "") throw new UsageError(`model spec "${spec}" names no model after "${backend}:".`);
  if (entry.baseUrl === undefined) {
    if (baseUrls.length > 0) throw new UsageError(say`${option("baseUrls")} does not apply to the in-process ${backend} backend (${spec}).`);
    return { backend, model, baseUrls: [] };
  }
  const urls = baseUrls.length > 0 ? baseUrls.map((u) => checkUrl(u)) : [entry.baseUrl];
  return { backend, model, baseUrls: urls };
}

/** The spec as text, for the store and the output (never carries a key). */
export function formatSpec(spec: ModelSpec): string {
  return `${spec.backend}:${spec.model}`;
}

function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(say`${option("baseUrls")} "${url}" is not a URL; give one like http://localhost:8000/v1.`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new UsageError(say`${option("baseUrls")} "${url}" must be http:// or https://.`);
  }
  if (parsed.username || parsed.password) {
    throw new UsageError(say`${option("baseUrls")} must not carry credentials; pass the key in ${option("apiKey")}.`);
  }
  return url.replace(/\/+$/, "");
}
