/**
 * Turns the model part of a `gguf:` spec into a local file: checks a local path (exists, is a
 * file, starts with the GGUF magic), or downloads an `hf:` reference once into the cache folder.
 */
import { mkdir, open, readFile, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { CancelledError, ConnectionError, ModelError, UsageError, type ApeError } from "../../errors.js";
import { describeNetworkCause, hasNetworkCode } from "../network-cause.js";
import type { DownloadProgress } from "./gguf-options.js";
import { isRecord } from "../../narrow.js";
import { messageOf } from "../../caught.js";

const ALTERNATIVES =
  "Alternatives: download the .gguf yourself and pass gguf:./file.gguf, or run the model in a server and use a server spec such as vllm:<model> or ollama:<model>.";

/** Check that `path` is a readable GGUF file; throws a UsageError naming the path otherwise. */
export async function checkGgufFile(path: string): Promise<string> {
  const full = resolve(path);
  const info = await stat(full).catch(() => undefined);
  if (info === undefined) {
    throw new UsageError(`GGUF model file not found: ${full}. Check the path in gguf:${path}, or use gguf:hf:<user>/<repo>:<quant> to download one.`);
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

const HF_ENDPOINT = "https://huggingface.co/";

/** The web page of an `hf:user/repo:quant` reference, for error messages. */
export function hfUrl(uri: string, endpoint = HF_ENDPOINT): string {
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
    .then((text): unknown => {
      const parsed: unknown = JSON.parse(text);
      return isRecord(parsed) ? parsed.file : undefined;
    })
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
    // Naming the failure may ask the host once more; a Ctrl-C meanwhile still wins.
    const cancelled = (): boolean => settings.signal?.aborted === true;
    if (!cancelled()) {
      const failure = await downloadFailure(uri, url, settings, error, stalled);
      if (!cancelled()) throw failure;
    }
    throw new CancelledError(`download of ${uri} cancelled`);
  } finally {
    clearTimeout(timer);
    settings.signal?.removeEventListener("abort", onAbort);
  }
}

/**
 * Sort a failed download into ape's error tree. Nothing answered, or the data stopped: a
 * ConnectionError (exit 3), to run again once the network is back. The server answered and
 * refused (not found, not allowed): a ModelError (exit 4) that says what to fix.
 */
async function downloadFailure(uri: string, url: string, settings: DownloadSettings, error: unknown, stalled: boolean): Promise<ApeError> {
  const failed = (detail: string, advice: string): string => `cannot download ${uri} into ${settings.cacheDir}: ${detail}. ${advice} ${ALTERNATIVES}`;
  const offline = (detail: string): ConnectionError =>
    new ConnectionError(url, detail, {
      message: `${url}: ${failed(detail, "Check the network connection (and a proxy or firewall) and run again.")}`,
      cause: error,
    });
  if (stalled) return offline(`no data arrived for ${settings.stallTimeoutMs / 1000} s`);
  const text = messageOf(error);
  const status = refusedStatus(error, text);
  if (status === undefined && isNetworkFault(error, text)) {
    const endpoint = settings.huggingFaceEndpoint ?? HF_ENDPOINT;
    const why =
      (await whyUnreachable(endpoint, Math.min(settings.stallTimeoutMs, 5_000), settings.signal)) ??
      (error instanceof Error ? describeNetworkCause(error) : text);
    return offline(`cannot reach ${endpoint} (${why})`);
  }
  if (status === 404) {
    return new ModelError(
      url,
      failed(
        `not found (404): ${text}`,
        `Check the reference: hf:<user>/<repo>:<quant> must name a repository that exists and a quantization it has (its files are listed at ${url}).`,
      ),
      { status, cause: error },
    );
  }
  if (status === 401 || status === 403) {
    return new ModelError(
      url,
      failed(
        `not allowed (${status}): ${text}`,
        `The repository is private or gated: accept its terms at ${url}, then set HF_TOKEN to an access token of that account.`,
      ),
      { status, cause: error },
    );
  }
  if (status !== undefined) {
    const transient = status === 429 || status >= 500;
    const advice = transient ? "The server is busy or failing; try again later." : "Check the reference (hf:<user>/<repo>:<quant>).";
    return new ModelError(url, failed(`the server answered ${status}: ${text}`, advice), { status, transient, cause: error });
  }
  return new ModelError(url, failed(text, "Check the network and the reference (hf:<user>/<repo>:<quant>)."), { cause: error });
}

/**
 * The HTTP status a download was refused with: ipull's StatusCodeError carries it; node-llama-cpp's
 * manifest lookup has it only in its message (a test pins these messages to the version we use).
 */
function refusedStatus(error: unknown, text: string): number | undefined {
  if (typeof error === "object" && error !== null && "statusCode" in error && typeof error.statusCode === "number") return error.statusCode;
  if (/^Cannot get quantization .* does not exist/.test(text)) return 404;
  const manifest = /^Failed to fetch manifest for ".*": (\d{3})\b/.exec(text);
  return manifest?.[1] !== undefined ? Number(manifest[1]) : undefined;
}

/**
 * True when no HTTP answer came at all. node-llama-cpp's manifest lookup keeps only the text of
 * what `fetch` threw ("Failed to fetch manifest for resolving URI …: TypeError: fetch failed").
 */
function isNetworkFault(error: unknown, text: string): boolean {
  return hasNetworkCode(error) || text.startsWith("Failed to fetch manifest for resolving URI") || /\bfetch failed\b/.test(text);
}

/**
 * Why `endpoint` gives no HTTP answer, in words (connection refused, DNS, …), asked once more
 * because the download library drops the cause; undefined when it answers with any status.
 */
async function whyUnreachable(endpoint: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<string | undefined> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(endpoint, { method: "HEAD", redirect: "manual", signal: signal ? AbortSignal.any([timeout, signal]) : timeout });
    await response.body?.cancel();
    return undefined;
  } catch (error) {
    if (timeout.aborted) return `no answer within ${timeoutMs / 1000} s`;
    return error instanceof Error ? describeNetworkCause(error) : String(error);
  }
}
