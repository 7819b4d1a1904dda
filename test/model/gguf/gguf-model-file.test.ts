import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelError, UsageError } from "../../../src/errors.js";
import { createGgufModel, defaultCacheDir, type GgufOptions } from "../../../src/model/gguf/index.js";
import { tinyModelFile } from "../../support/gguf/tiny-model-file.js";

const spec = (model: string) => ({ backend: "gguf", model, baseUrls: [] }) as const;
const probe = async (model: string, options: GgufOptions = {}): Promise<unknown> => {
  const m = createGgufModel(spec(model), { gpu: false, threads: 1, contextSize: 128, sequences: 1, ...options });
  try {
    return await m.probe();
  } finally {
    await m.close();
  }
};

describe("gguf model files", { timeout: 30_000 }, () => {
  let dir: string;
  let silent: Server;
  let silentUrl: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ape-gguf-"));
    // A server that accepts connections and never answers: a network that hangs.
    silent = createServer(() => undefined);
    await new Promise<void>((done) => silent.listen(0, "127.0.0.1", done));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise((done) => silent.close(done));
    await rm(dir, { recursive: true, force: true });
  });

  it("names a missing file and says what to give instead", async () => {
    const missing = join(dir, "nope.gguf");
    const error = await probe(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(missing);
    expect((error as Error).message).toMatch(/not found.*gguf:hf:/);
  });

  it("names a directory given as a model", async () => {
    const error = await probe(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(`${dir} is a directory`);
  });

  it("names a file that is not GGUF", async () => {
    const file = join(dir, "model.gguf");
    await writeFile(file, "<html>404 Not Found</html>");
    const error = await probe(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is not a GGUF file`));
  });

  it("names a GGUF of a version llama.cpp does not read", async () => {
    const file = join(dir, "v9.gguf");
    await writeFile(file, Buffer.concat([Buffer.from("GGUF"), Buffer.from([9, 0, 0, 0]), Buffer.alloc(16)]));
    await expect(probe(file)).rejects.toThrow(/is GGUF version 9/);
  });

  it("names a truncated GGUF that llama.cpp cannot load", async () => {
    const file = join(dir, "truncated.gguf");
    await writeFile(file, (await readFile(await tinyModelFile())).subarray(0, 300));
    const error = await probe(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/cannot load this GGUF.*re-download/);
  });

  it("fails fast and clearly when the download host is unreachable", async () => {
    const progress: unknown[] = [];
    const error = await probe("hf:someone/some-model-GGUF:Q4_K_M", {
      cacheDir: join(dir, "cache"),
      huggingFaceEndpoint: "http://127.0.0.1:9/",
      downloadStallTimeoutMs: 5_000,
      onDownloadProgress: (p) => progress.push(p),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    const message = (error as Error).message;
    expect(message).toContain("http://127.0.0.1:9/someone/some-model-GGUF");
    expect(message).toContain("cannot download hf:someone/some-model-GGUF:Q4_K_M");
    expect(message).toMatch(/gguf:\.\/file\.gguf.*vllm:.*ollama:/);
    expect(progress).toEqual([]);
  });

  it("gives up on a host that accepts the connection but sends nothing", async () => {
    const error = await probe("hf:someone/some-model-GGUF:Q4_K_M", {
      cacheDir: join(dir, "cache"),
      huggingFaceEndpoint: silentUrl,
      downloadStallTimeoutMs: 300,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toMatch(/no data arrived for 0\.3 s/);
  });

  it("uses a model downloaded before without touching the network", async () => {
    const cacheDir = join(dir, "cache2");
    await mkdir(cacheDir, { recursive: true });
    const uri = "hf:someone/tiny-GGUF:F32";
    await writeFile(join(cacheDir, "hf_someone_tiny-GGUF_F32.resolved.json"), JSON.stringify({ uri, file: await tinyModelFile() }));
    const caps = await probe(uri, { cacheDir, huggingFaceEndpoint: "http://127.0.0.1:9/" });
    expect(caps).toMatchObject({ promptLogprobs: true });
  });

  it("keeps downloads in the user's cache folder by default", () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: "/x/cache" }, "linux")).toBe(join("/x/cache", "ape", "models"));
    expect(defaultCacheDir({}, "linux")).toMatch(/\.cache[/\\]ape[/\\]models$/);
  });
});
