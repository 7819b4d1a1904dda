/**
 * The real llama.cpp `llama-server` (a CPU-only static build in ../shared/servers/llama-server) on
 * loopback, for tests that check ape against the real thing rather than our picture of it.
 * Where the binary is missing or this CPU cannot run it, `llamaServerBinary()` says why in one line
 * and the tests skip; they never pass without it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const RELATIVE = join("shared", "servers", "llama-server", "llama-server");
/** CPU features the build needs (its README: -mavx2 -mfma -mf16c -mbmi2). */
const CPU_FLAGS = ["avx2", "fma", "f16c", "bmi2"];

/** The binary to run, or why there is none. */
export type LlamaServerBinary = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly why: string };

/** Find the binary: `$APE_LLAMA_SERVER`, else `shared/servers/llama-server/llama-server` beside the repo or above it. */
export function llamaServerBinary(): LlamaServerBinary {
  let path = process.env.APE_LLAMA_SERVER;
  for (let dir = dirname(REPO); path === undefined; dir = dirname(dir)) {
    if (existsSync(join(dir, RELATIVE))) path = join(dir, RELATIVE);
    if (dirname(dir) === dir) break;
  }
  if (path === undefined) return { ok: false, why: `no llama-server binary (looked for ${RELATIVE} above ${REPO}; set APE_LLAMA_SERVER to one)` };
  try {
    accessSync(path, constants.X_OK);
  } catch {
    return { ok: false, why: `${path} is not executable` };
  }
  if (process.platform !== "linux" || process.arch !== "x64")
    return { ok: false, why: `the llama-server build runs on Linux x86_64, not ${process.platform} ${process.arch}` };
  const cpu = readFileSync("/proc/cpuinfo", "utf8");
  const missing = CPU_FLAGS.filter((f) => !new RegExp(`\\b${f}\\b`).test(cpu));
  if (missing.length > 0) return { ok: false, why: `this CPU lacks ${missing.join(", ")}, which the llama-server build needs` };
  return { ok: true, path };
}

/** A running llama-server. */
export interface LlamaServer {
  /** Base URL ending in `/v1`. */
  readonly url: string;
  /** What the server printed, for a failing test's message. */
  log(): string;
  /** Stop it (SIGTERM, then SIGKILL). */
  close(): Promise<void>;
}

/** Start `binary` on a free loopback port serving `model`; resolves once `/health` answers 200. */
export async function startLlamaServer(binary: string, model: string, options: { readonly slots?: number } = {}): Promise<LlamaServer> {
  const port = await freePort();
  const slots = options.slots ?? 4;
  const child = spawn(binary, ["-m", model, "--host", "127.0.0.1", "--port", String(port), "-c", String(512 * slots), "-np", String(slots), "-t", "1"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const server: LlamaServer = { url: `http://127.0.0.1:${port}/v1`, log: () => output, close: () => stop(child) };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`llama-server exited with ${child.exitCode} before it was ready:\n${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).status === 200) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop(child);
  throw new Error(`llama-server did not become ready in 60 s:\n${output}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolveStop();
    });
    child.kill("SIGTERM");
  });
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}
