import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { createServer as createTcpServer } from "node:net";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectionError, EXIT, ModelError, UsageError, type ApeError } from "../../../src/errors.js";
import { createGgufModel, type GgufOptions } from "../../../src/model/gguf/index.js";
import { tinyModelFile } from "../../support/gguf/tiny-model-file.js";
import { tempFolder } from "../../support/temp.js";

const spec = (model: string) => ({ backend: "gguf", model, baseUrls: [] }) as const;
const probe = async (model: string, options: GgufOptions = {}): Promise<unknown> => {
  const m = createGgufModel(spec(model), { gpu: false, threads: 1, contextSize: 128, sequences: 1, ...options });
  try {
    return await m.probe();
  } finally {
    await m.close();
  }
};

/** Listen on a free local port; the server's base URL. */
async function listen(server: Server): Promise<string> {
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** A local port nothing listens on: found free, then released. */
async function closedPort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((done) => probe.listen(0, "127.0.0.1", done));
  const { port } = probe.address() as AddressInfo;
  await new Promise((done) => probe.close(done));
  return port;
}

describe("gguf model files", { timeout: 30_000 }, () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let silent: Server;
  let silentUrl: string;
  let hub: Server;
  let hubUrl: string;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempFolder("ape-gguf-"));
    // A server that accepts connections and never answers: a network that hangs.
    silent = createServer(() => undefined);
    silentUrl = await listen(silent);
    // A stand-in for the Hugging Face hub that refuses: user "missing" has no repositories (the
    // manifest lookup answers 404); user "gated" has one whose file needs an account (403).
    hub = createServer((req, res) => {
      const url = req.url ?? "";
      if (url.startsWith("/v2/gated/")) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ggufFile: { rfilename: "model-Q4_K_M.gguf" } }));
      } else {
        res.writeHead(url.startsWith("/gated/") ? 403 : 404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: "Repository not found" }));
      }
    });
    hubUrl = await listen(hub);
  });
  afterAll(async () => {
    for (const server of [silent, hub]) {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
    await cleanup();
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

  /** Download `model` from `endpoint`, which must fail with an error of class `kind`; that error. */
  async function failedDownload<E extends ApeError>(
    kind: abstract new (...args: never[]) => E,
    model: string,
    endpoint: string,
    options: GgufOptions = {},
  ): Promise<E> {
    const error = await probe(model, { cacheDir: join(dir, "cache"), huggingFaceEndpoint: endpoint, downloadStallTimeoutMs: 5_000, ...options }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(kind);
    return error as E;
  }

  it("fails fast and clearly when the download host refuses connections (exit 3)", async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}/`;
    const progress: unknown[] = [];
    const error = await failedDownload(ConnectionError, "hf:someone/some-model-GGUF:Q4_K_M", endpoint, { onDownloadProgress: (p) => progress.push(p) });
    expect(error.exitCode).toBe(EXIT.unreachable);
    expect(error.url).toBe(`${endpoint}someone/some-model-GGUF`);
    expect(error.message).toContain(`${endpoint}someone/some-model-GGUF: cannot download hf:someone/some-model-GGUF:Q4_K_M`);
    expect(error.message).toContain(`cannot reach ${endpoint} (connection refused). Check the network`);
    expect(error.message).toMatch(/gguf:\.\/file\.gguf.*vllm:.*ollama:/);
    expect(progress).toEqual([]);
  });

  it("gives up on a host that accepts the connection but sends nothing (exit 3)", async () => {
    const error = await failedDownload(ConnectionError, "hf:someone/some-model-GGUF:Q4_K_M", silentUrl, { downloadStallTimeoutMs: 300 });
    expect(error.exitCode).toBe(EXIT.unreachable);
    expect(error.message).toMatch(/no data arrived for 0\.3 s/);
  });

  it("says to check the reference when the hub answers 404 (exit 4)", async () => {
    const error = await failedDownload(ModelError, "hf:missing/no-such-model-GGUF:Q4_K_M", hubUrl);
    expect([error.exitCode, error.status, error.transient]).toEqual([EXIT.model, 404, false]);
    expect(error.message).toContain(`${hubUrl}missing/no-such-model-GGUF: cannot download hf:missing/no-such-model-GGUF:Q4_K_M`);
    expect(error.message).toMatch(/not found \(404\).*Check the reference: hf:<user>\/<repo>:<quant>/);
  });

  it("says how to get access when the hub refuses the file (403, exit 4)", async () => {
    const error = await failedDownload(ModelError, "hf:gated/licensed-model-GGUF:Q4_K_M", hubUrl);
    expect([error.exitCode, error.status, error.transient]).toEqual([EXIT.model, 403, false]);
    expect(error.message).toMatch(/not allowed \(403\).*private or gated.*HF_TOKEN/);
  });

  it("uses a model downloaded before without touching the network", async () => {
    const cacheDir = join(dir, "cache2");
    await mkdir(cacheDir, { recursive: true });
    const uri = "hf:someone/tiny-GGUF:F32";
    await writeFile(join(cacheDir, "hf_someone_tiny-GGUF_F32.resolved.json"), JSON.stringify({ uri, file: await tinyModelFile() }));
    const caps = await probe(uri, { cacheDir, huggingFaceEndpoint: "http://127.0.0.1:9/" });
    expect(caps).toMatchObject({ promptLogprobs: true });
  });
});
