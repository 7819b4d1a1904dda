/**
 * The backends' registry: each entry gives the name a spec starts with (`vllm:` …), where it
 * listens unless `--base-url` says otherwise, whether its tokens are paid for, and how to make its
 * Model (see `backend-entry.ts`). A model's identity is its spec (`backend:model`). The backends'
 * packages are imported when a model is made: openai and undici for the first HTTP model,
 * node-llama-cpp (optional, see `import-gguf.ts`) for the first `gguf:` one. Adding
 * a backend is its file and one entry here.
 */
import { UsageError } from "../errors.js";
import { registryNames } from "../registry.js";
import { type BackendEntry, httpBackend, type ModelOptions } from "./backend-entry.js";
import { importGguf } from "./import-gguf.js";
import type { Model, ModelSpec } from "./types.js";

export type { BackendEntry, ModelOptions } from "./backend-entry.js";

/** The registered backends. */
export const BACKEND_REGISTRY: readonly [BackendEntry, ...BackendEntry[]] = [
  httpBackend("openai", "https://api.openai.com/v1", true),
  httpBackend("vllm", "http://localhost:8000/v1"),
  httpBackend("sglang", "http://localhost:30000/v1"),
  httpBackend("llamacpp", "http://localhost:8080/v1"),
  httpBackend("ollama", "http://localhost:11434/v1"),
  { name: "gguf", create: async (spec, options) => (await importGguf(spec)).createGgufModel(spec, options.gguf ?? {}) },
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
