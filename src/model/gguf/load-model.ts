/**
 * Loading a GGUF in-process: resolve the file (local or `hf:` download), start llama.cpp on CPU or
 * GPU, load the model, create one context with parallel sequences, and find what it can do.
 */
import { getLlama, LlamaLogLevel, resolveModelFile, type Llama, type LlamaContext, type LlamaModel } from "node-llama-cpp";
import { ModelError, UsageError } from "../../errors.js";
import type { ModelSpec } from "../types.js";
import { findFimTokens, type FimTokenIds } from "./fim.js";
import { defaultCacheDir, GGUF_DEFAULTS, type GgufOptions } from "./gguf-options.js";
import { scoringSequence } from "./llama-sequence.js";
import { checkGgufFile, downloadHfModel, type ResolveModelFile } from "./model-file.js";
import { hasChatTemplate } from "./prompt-tokens.js";
import { SequencePool } from "./sequence-pool.js";
import { messageOf } from "../../caught.js";

/** A pooled sequence: the scoring slice plus the native sequence for generation. */
export type PooledSequence = ReturnType<typeof scoringSequence>;

/** Everything a loaded GGUF model holds. */
export interface LoadedModel {
  readonly file: string;
  readonly llama: Llama;
  readonly model: LlamaModel;
  readonly context: LlamaContext;
  readonly pool: SequencePool<PooledSequence>;
  readonly sequences: number;
  /** Tokens one sequence can hold. */
  readonly contextSize: number;
  readonly fim: FimTokenIds | undefined;
  readonly chatTemplate: boolean;
}

/** Find the local file of a spec's model: a path, or an `hf:` reference downloaded into the cache. */
export async function resolveGgufFile(spec: ModelSpec, options: GgufOptions, signal?: AbortSignal): Promise<string> {
  const ref = spec.model.trim();
  if (ref === "") throw new UsageError("empty gguf model: give gguf:./model.gguf or gguf:hf:<user>/<repo>:<quant>");
  if (!ref.startsWith("hf:")) return checkGgufFile(ref);
  const file = await downloadHfModel(
    ref,
    {
      cacheDir: options.cacheDir ?? defaultCacheDir(),
      stallTimeoutMs: options.downloadStallTimeoutMs ?? GGUF_DEFAULTS.downloadStallTimeoutMs,
      huggingFaceEndpoint: options.huggingFaceEndpoint,
      onProgress: options.onDownloadProgress,
      signal,
    },
    resolveModelFile as ResolveModelFile,
  );
  return checkGgufFile(file);
}

/** Load the model and create its context; on failure everything started so far is disposed. */
export async function loadGgufModel(spec: ModelSpec, options: GgufOptions, signal?: AbortSignal): Promise<LoadedModel> {
  const file = await resolveGgufFile(spec, options, signal);
  const onLog = options.onLog;
  const llama = await getLlama({
    gpu: options.gpu === false ? false : "auto",
    build: "never",
    logLevel: LlamaLogLevel.warn,
    logger: (level, message) => onLog?.(String(level), message),
    ...(options.threads !== undefined ? { maxThreads: options.threads } : {}),
  }).catch((error: unknown) => {
    const detail = messageOf(error);
    throw new ModelError(
      file,
      `cannot start llama.cpp (node-llama-cpp) to run this GGUF: ${detail}. Reinstall ape-search so node-llama-cpp's prebuilt binaries for this platform are present, try gpu: false, or use a server spec such as vllm:<model> or ollama:<model>.`,
      { cause: error },
    );
  });
  let model: LlamaModel | undefined;
  try {
    model = await llama.loadModel({ modelPath: file });
    const sequences = Math.max(1, Math.floor(options.sequences ?? GGUF_DEFAULTS.sequences));
    const wanted = Math.max(16, options.contextSize ?? GGUF_DEFAULTS.contextSize);
    const contextSize = Math.min(wanted, model.trainContextSize > 0 ? model.trainContextSize : wanted);
    const context = await model.createContext({
      contextSize,
      sequences,
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
    });
    const pooled: PooledSequence[] = [];
    for (let i = 0; i < sequences; i++) pooled.push(scoringSequence(context.getSequence()));
    return {
      file,
      llama,
      model,
      context,
      pool: new SequencePool<PooledSequence>(pooled),
      sequences,
      contextSize: pooled[0]?.native.contextSize ?? contextSize,
      fim: findFimTokens(model),
      chatTemplate: hasChatTemplate(model),
    };
  } catch (error) {
    await model?.dispose().catch(() => undefined);
    await llama.dispose().catch(() => undefined);
    const detail = messageOf(error);
    throw new ModelError(
      file,
      `llama.cpp cannot load this GGUF: ${detail}. Check that the file is complete (re-download it) and of an architecture llama.cpp supports, or lower contextSize/sequences if memory ran out.`,
      { cause: error },
    );
  }
}

/** Dispose the context, model and llama instance (children first). */
export async function disposeLoaded(loaded: LoadedModel): Promise<void> {
  await loaded.context.dispose();
  await loaded.model.dispose();
  await loaded.llama.dispose();
}
