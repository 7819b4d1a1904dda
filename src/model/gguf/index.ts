/**
 * The in-process GGUF backend (node-llama-cpp). Import it lazily (`await import("./gguf/index.js")`)
 * so native code loads only when a `gguf:` model is used.
 */
import type { ModelSpec } from "../types.js";
import { GgufModel } from "./gguf-model.js";
import type { GgufOptions } from "./gguf-options.js";

/**
 * A `Model` for `gguf:./file.gguf` or `gguf:hf:<user>/<repo>:<quant>`. Nothing is loaded until the
 * first call (`probe`, `generate`, `logprobs`, `fill` or `load`); `close()` frees native memory.
 */
export function createGgufModel(spec: ModelSpec, options: GgufOptions = {}): GgufModel {
  return new GgufModel(spec, options);
}

export { GgufModel } from "./gguf-model.js";
export { defaultCacheDir, GGUF_DEFAULTS, type DownloadProgress, type GgufOptions } from "./gguf-options.js";
export type { EvalStats } from "./prefix-scorer.js";
