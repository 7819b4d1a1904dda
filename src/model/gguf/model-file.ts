/**
 * Turns the model part of a `gguf:` spec into a local file: checks a local path (exists, is a
 * file, starts with the GGUF magic), or downloads an `hf:` reference once into the cache folder.
 */
import { mkdir, open, readFile, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { CancelledError, ModelError, UsageError } from "../../errors.js";
import type { DownloadProgress } from "./gguf-options.js";

const ALTERNATIVES =
  "Alternatives: download the .gguf yourself and pass gguf:./file.gguf, or run the model in a server and use a server spec such as vllm:<model> or ollama:<model>.";

/** Check that `path` is a readable GGUF file; throws a UsageError naming the path otherwise. */
export async function checkGgufFile(path: string): Promise<string> {
  const full = resolve(path);
  const info = await stat(full).catch(() => undefined);
  if (info === undefined) {
    throw new UsageError(
      `GGUF model file not found: ${full}. Check the path in gguf:${path}, or use gguf:hf:<user>/<repo>:<quant> to download one.`,
    );
  }
  if (info.isDirectory()) {
    throw new UsageError(`${full} is a directory, not a GGUF file. Name the .gguf file inside it: gguf:${join(path, "<file>.gguf")}.`);
  }
  const handle = await open(full, "r");
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    if (bytesRead < 8 || head.toString("latin1", 0, 4) !== "GGUF") {
      throw new UsageError(
        `${full} is not a GGUF file (it does not start with the GGUF magic bytes). Convert the model to GGUF (llama.cpp's convert_hf_to_gguf.py) or download a .gguf build of it.`,
      );
    }
    const version = head.readUInt32LE(4);
    if (version !== 2 && version !== 3) {
      throw new UsageError(`${full} is GGUF version ${version}; llama.cpp reads versions 2 and 3. Re-download or re-convert the model.`);
    }
  } finally {
    await handle.close();
  }
  return full;
}

/** How to download: the narrow slice of node-llama-cpp's `resolveModelFile` that we use. */
export type ResolveModelFile = (
  uri: string,
  options: {
    directory: string;
    cli: false;
    onProgress: (status: { totalSize: number; downloadedSize: number }) => void;
    signal: AbortSignal;
    endpoints?: { huggingFace?: string };
  },
) => Promise<string>;

/** Settings of one download. */
export interface DownloadSettings {
  readonly cacheDir: string;
  readonly stallTimeoutMs: number;
  readonly huggingFaceEndpoint: string | undefined;
  readonly onProgress: ((info: DownloadProgress) => void) | undefined;
  readonly signal: AbortSignal | undefined;
}

/** The web page of an `hf:user/repo:quant` reference, for error messages. */
export function hfUrl(uri: string, endpoint = "https://huggingface.co/"): string {
  const repo = uri.replace(/^hf:/, "").split(":")[0] ?? "";
  return `${endpoint.replace(/\/?$/, "/")}${repo}`;
}

function markerFile(cacheDir: string, uri: string): string {
  return join(cacheDir, `${uri.replace(/[^A-Za-z0-9._-]+/g, "_")}.resolved.json`);
}

/**
 * Resolve an `hf:` reference to a local file, downloading it into `cacheDir` the first time. A
 * marker file remembers the result, so later runs need no network at all.
 */
export async function downloadHfModel(uri: string, settings: DownloadSettings, resolveModelFile: ResolveModelFile): Promise<string> {
  const marker = markerFile(settings.cacheDir, uri);
  const known = await readFile(marker, "utf8")
    .then((text) => (JSON.parse(text) as { file?: unknown }).file)
    .catch(() => undefined);
  if (typeof known === "string" && (await stat(known).catch(() => undefined))?.isFile() === true) return known;

  await mkdir(settings.cacheDir, { recursive: true });
  const url = hfUrl(uri, settings.huggingFaceEndpoint);
  const controller = new AbortController();
  let stalled = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      controller.abort();
    }, settings.stallTimeoutMs);
  };
  const onAbort = (): void => controller.abort();
  settings.signal?.addEventListener("abort", onAbort, { once: true });
  arm();
  try {
    // node-llama-cpp does not pass the signal to every request it makes, so the abort also
    // settles the wait here; a request left hanging is abandoned, not awaited.
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener("abort", () => reject(new Error("aborted")), { once: true });
    });
    const download = resolveModelFile(uri, {
      directory: settings.cacheDir,
      cli: false,
      signal: controller.signal,
      ...(settings.huggingFaceEndpoint !== undefined ? { endpoints: { huggingFace: settings.huggingFaceEndpoint } } : {}),
      onProgress: ({ totalSize, downloadedSize }) => {
        arm();
        settings.onProgress?.({ uri, downloadedBytes: downloadedSize, totalBytes: totalSize });
      },
    });
    download.catch(() => undefined);
    const file = await Promise.race([download, aborted]);
    await writeFile(marker, JSON.stringify({ uri, file }));
    return file;
  } catch (error) {
    if (settings.signal?.aborted === true) throw new CancelledError(`download of ${uri} cancelled`);
    const detail = stalled
      ? `no data arrived for ${settings.stallTimeoutMs / 1000} s`
      : error instanceof Error
        ? error.message
        : String(error);
    throw new ModelError(url, `cannot download ${uri} into ${settings.cacheDir}: ${detail}. Check the network and the reference (hf:<user>/<repo>:<quant>). ${ALTERNATIVES}`, { cause: error });
  } finally {
    clearTimeout(timer);
    settings.signal?.removeEventListener("abort", onAbort);
  }
}
