/**
 * Options of the in-process GGUF backend, each documented where it is declared, and the default
 * cache directory for downloaded models.
 */
import { homedir } from "node:os";
import { join } from "node:path";

/** Progress of a model download, reported through `GgufOptions.onDownloadProgress`. */
export interface DownloadProgress {
  /** The `hf:` reference being downloaded. */
  readonly uri: string;
  /** Bytes received so far. */
  readonly downloadedBytes: number;
  /** Total bytes expected (0 while still unknown). */
  readonly totalBytes: number;
}

/** Options of `createGgufModel`. */
export interface GgufOptions {
  /**
   * Where `hf:` models are downloaded to and found again.
   * @default `defaultCacheDir()`: `$XDG_CACHE_HOME/ape/models`, else `~/.cache/ape/models`
   * (`%LOCALAPPDATA%\ape\models` on Windows)
   */
  readonly cacheDir?: string;
  /** Called as download bytes arrive; the library itself never prints. @default none */
  readonly onDownloadProgress?: (info: DownloadProgress) => void;
  /**
   * Abort a download when no bytes arrive for this long (milliseconds); a network that is down
   * fails at once, this catches one that hangs.
   * @default 60000
   */
  readonly downloadStallTimeoutMs?: number;
  /** Hugging Face endpoint used to resolve `hf:` references. @default "https://huggingface.co/" */
  readonly huggingFaceEndpoint?: string;
  /** Context size per sequence, in tokens. @default 4096, capped at the model's training length */
  readonly contextSize?: number;
  /** Parallel context sequences: requests evaluated together in one batch. @default 4 */
  readonly sequences?: number;
  /** `"auto"` uses a GPU when node-llama-cpp's prebuilt binaries support one; `false` forces CPU. @default "auto" */
  readonly gpu?: "auto" | false;
  /**
   * Keep the KV cache of each sequence and evaluate only the tokens after the longest common prefix
   * with the next request (scores are unchanged; fewer tokens are evaluated).
   * @default true
   */
  readonly prefixReuse?: boolean;
  /** CPU threads for evaluation. @default node-llama-cpp's choice (all cores) */
  readonly threads?: number;
  /** Receives llama.cpp's log lines (warnings and errors); dropped when absent. @default none */
  readonly onLog?: (level: string, message: string) => void;
}

/** Defaults applied to `GgufOptions`. */
export const GGUF_DEFAULTS = {
  contextSize: 4096,
  sequences: 4,
  gpu: "auto",
  prefixReuse: true,
  downloadStallTimeoutMs: 60_000,
} as const;

/** The default download cache: the platform's user cache folder plus `ape/models`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === "win32" && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, "ape", "models");
  const base = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "ape", "models");
}
