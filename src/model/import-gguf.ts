/**
 * The in-process backend's module, imported when the first `gguf:` model is made. Its package,
 * node-llama-cpp, is an optional dependency: a pipeline that only talks to HTTP servers may install
 * ape-search without it (and its native builds). Then a `gguf:` spec says which package to add.
 */
import { codeOf, messageOf } from "../caught.js";
import { UsageError } from "../errors.js";
import type { ModelSpec } from "./types.js";

/** The package the in-process backend runs on. */
export const GGUF_PACKAGE = "node-llama-cpp";

/** The in-process backend for `spec`; a UsageError naming the package when it is not installed. */
export async function importGguf(spec: ModelSpec): Promise<typeof import("./gguf/index.js")> {
  try {
    return await import("./gguf/index.js");
  } catch (error) {
    if (codeOf(error) !== "ERR_MODULE_NOT_FOUND" || !messageOf(error).includes(`'${GGUF_PACKAGE}'`)) throw error;
    throw new UsageError(
      `${spec.backend}:${spec.model} runs in-process with ${GGUF_PACKAGE}, an optional dependency of ape-search that is not installed here: ` +
        `add it with \`npm install ${GGUF_PACKAGE}\`, or name a model served over HTTP (e.g. vllm:Qwen/Qwen2.5-7B-Instruct).`,
      { cause: error },
    );
  }
}
