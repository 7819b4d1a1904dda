/**
 * Building a Model from a spec. The in-process backend is imported lazily, so node-llama-cpp is
 * loaded only when a `gguf:` model is used.
 */
import type { GgufOptions } from "./gguf/gguf-options.js";
import { OpenAIBackend } from "./openai/backend.js";
import type { Model, ModelSpec } from "./types.js";

/** Settings passed to whichever backend a spec names. */
export interface ModelOptions {
  readonly apiKey?: string | undefined;
  readonly timeoutMs?: number | undefined;
  readonly maxBatch?: number | undefined;
  /** Most of the probe's requests in flight at once (the run's `--concurrency`). @default 16 */
  readonly concurrency?: number | undefined;
  /** Settings of the in-process backend (cache folder, threads, sequences, GPU, download progress). */
  readonly gguf?: GgufOptions | undefined;
}

/** The Model for `spec`. */
export async function createModel(spec: ModelSpec, options: ModelOptions = {}): Promise<Model> {
  if (spec.backend === "gguf") {
    const { createGgufModel } = await import("./gguf/index.js");
    return createGgufModel(spec, options.gguf ?? {});
  }
  return new OpenAIBackend(spec, options);
}
