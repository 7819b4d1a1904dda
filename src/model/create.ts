/**
 * Building a Model from a spec. The in-process backend is imported lazily, so node-llama-cpp is
 * loaded only when a `gguf:` model is used.
 */
import { OpenAIBackend } from "./openai/backend.js";
import type { Model, ModelSpec } from "./types.js";

/** Settings passed to whichever backend a spec names. */
export interface ModelOptions {
  readonly apiKey?: string | undefined;
  readonly timeoutMs?: number | undefined;
  readonly maxBatch?: number | undefined;
}

/** The Model for `spec`. */
export async function createModel(spec: ModelSpec, options: ModelOptions = {}): Promise<Model> {
  return new OpenAIBackend(spec, options);
}
