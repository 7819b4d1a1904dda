/**
 * The backend seam as the registry (`backends.ts`) lists it: an entry gives the name a spec starts
 * with, where it listens by default, whether its tokens are paid for, and how to make its Model.
 */
import type { GgufOptions } from "./gguf/gguf-options.js";
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

/**
 * An OpenAI-compatible server listening at `baseUrl` by default. Its client (openai, undici) is
 * imported when the first model is made, not by whatever reads the registry (`ape runs`, a spec check).
 */
export function httpBackend(name: string, baseUrl: string, paid?: true): BackendEntry {
  return {
    name,
    baseUrl,
    ...(paid ? { paid } : {}),
    create: async (spec, options) => {
      const { OpenAIBackend } = await import("./openai/backend.js");
      return new OpenAIBackend(spec, options);
    },
  };
}
