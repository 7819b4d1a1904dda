/**
 * The backends' registry: each entry gives the name a spec starts with (`vllm:` …), where it
 * listens unless `--base-url` says otherwise, whether its tokens are paid for, and how to make its
 * Model. A model's identity is its spec (`backend:model`). The in-process backend is imported
 * lazily, so node-llama-cpp is loaded only when a `gguf:` model is used. Adding a backend is one
 * entry here (and its file, when it is more than one more OpenAI-compatible server).
 */
import { UsageError } from "../errors.js";
import { registryNames } from "../registry.js";
import type { GgufOptions } from "./gguf/gguf-options.js";
import { OpenAIBackend } from "./openai/backend.js";
import type { Model, ModelSpec } from "./types.js";

/** Settings passed to whichever backend a spec names. */
export interface ModelOptions {
  readonly apiKey?: string | undefined;
  readonly timeoutMs?: number | undefined;
  readonly maxBatch?: number | undefined;
  /** Most of the probe's requests in flight at once (the run's `--concurrency`). @default DEFAULT_CONCURRENCY (8) */
  readonly concurrency?: number | undefined;
  /** Settings of the in-process backend (cache folder, threads, sequences, GPU, download progress). */
  readonly gguf?: GgufOptions | undefined;
}

/** One backend as the registry lists it. */
export interface BackendEntry {
  /** What a spec starts with, before the first colon. */
  readonly name: string;
  /** Where it listens unless `--base-url` says otherwise; absent for an in-process backend (which takes no URL and costs nothing). */
  readonly baseUrl?: string;
  /** Its tokens are paid for: a cost cap needs the model's price (`checkCostCap`). Local servers cost nothing unless priced. */
  readonly paid?: true;
  /** Make the Model for `spec`. */
  readonly create: (spec: ModelSpec, options: ModelOptions) => Promise<Model>;
}

/** An OpenAI-compatible server listening at `baseUrl` by default. */
export function httpBackend(name: string, baseUrl: string, paid?: true): BackendEntry {
  return { name, baseUrl, ...(paid ? { paid } : {}), create: async (spec, options) => new OpenAIBackend(spec, options) };
}

/** The registered backends. */
export const BACKEND_REGISTRY: readonly [BackendEntry, ...BackendEntry[]] = [
  httpBackend("openai", "https://api.openai.com/v1", true),
  httpBackend("vllm", "http://localhost:8000/v1"),
  httpBackend("sglang", "http://localhost:30000/v1"),
  httpBackend("llamacpp", "http://localhost:8080/v1"),
  httpBackend("ollama", "http://localhost:11434/v1"),
  { name: "gguf", create: async (spec, options) => (await import("./gguf/index.js")).createGgufModel(spec, options.gguf ?? {}) },
];

/** The registered backends' names (what a spec may start with). */
export const BACKENDS: readonly string[] = registryNames(BACKEND_REGISTRY);

/** The registered backend called `name`, if any. */
export function findBackend(name: string): BackendEntry | undefined {
  return BACKEND_REGISTRY.find((e) => e.name === name);
}

/** The Model for `spec` (whose backend `parseSpec` checked). */
export async function createModel(spec: ModelSpec, options: ModelOptions = {}): Promise<Model> {
  const entry = findBackend(spec.backend);
  if (entry === undefined) throw new UsageError(`unknown backend "${spec.backend}" in ${spec.backend}:${spec.model}; use one of ${BACKENDS.join(", ")}.`);
  return entry.create(spec, options);
}
