/**
 * Running the CLI in tests: the real built binary as a child process (`ape`, `spawnApe`), or
 * `main()` in-process with captured output (`captured`).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CliContext } from "../../src/cli/context.js";

/** The built CLI launcher (`npm run build` first; `npm test` does). */
export const BIN = join(import.meta.dirname, "../../bin/ape.js");

/** What a CLI run left behind. */
export interface CliRun {
  /** Exit code; null when a signal ended the process. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A running CLI process and its outcome. */
export interface Spawned {
  readonly child: ChildProcess;
  readonly done: Promise<CliRun>;
}

/** Options of a CLI process. */
export interface SpawnOptions {
  /** Extra environment variables. */
  readonly env?: Record<string, string>;
  readonly cwd?: string;
  /** Run as this user and group (a test running as root meets file permissions as a user would). */
  readonly uid?: number;
  readonly gid?: number;
  /**
   * The largest file the process may write, in bytes (RLIMIT_FSIZE, set by util-linux `prlimit`:
   * see `canLimitFileSize`): a write past it fails (EFBIG) as one on a full disk does.
   */
  readonly maxFileBytes?: number;
}

/** Whether `maxFileBytes` can be honoured here (util-linux `prlimit` is installed). */
export const canLimitFileSize: boolean = spawnSync("prlimit", ["--version"]).status === 0;

/**
 * The user a test that meets file permissions runs ape as: nobody when the tests run as root (root
 * ignores them), else the tests' own user (`{}`); undefined when the tests run as root but nobody
 * cannot read ape here (a checkout inside a private folder, such as one made by `mktemp -d`).
 */
export const permissionUser: { readonly uid?: number; readonly gid?: number } | undefined = (() => {
  if (process.getuid?.() !== 0) return {};
  const nobody = { uid: 65534, gid: 65534 };
  const check = spawnSync(process.execPath, ["-e", `require("node:fs").accessSync(${JSON.stringify(BIN)}, 4)`], nobody);
  return check.status === 0 ? nobody : undefined;
})();

/** Start `ape …args`. */
export function spawnApe(args: readonly string[], options: SpawnOptions = {}): Spawned {
  const command = [process.execPath, BIN, ...args];
  if (options.maxFileBytes !== undefined) command.unshift("prlimit", `--fsize=${options.maxFileBytes}`);
  const [file = "", ...rest] = command;
  const child = spawn(file, rest, {
    env: { ...process.env, ...options.env },
    cwd: options.cwd,
    stdio: ["ignore", "pipe", "pipe"],
    ...(options.uid === undefined ? {} : { uid: options.uid }),
    ...(options.gid === undefined ? {} : { gid: options.gid }),
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliRun>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** Run `ape …args` to the end; never throws. */
export function ape(args: readonly string[], options: SpawnOptions = {}): Promise<CliRun> {
  return spawnApe(args, options).done;
}

/** A CLI context whose stdout and stderr are collected into strings. */
export interface Captured extends CliContext {
  readonly out: () => string;
  readonly err: () => string;
}

/** A fresh captured context for `main(argv, ctx)`. */
export function captured(): Captured {
  let out = "";
  let err = "";
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    env: {},
    signal: new AbortController().signal,
    out: () => out,
    err: () => err,
  };
}

/** Resolve after `ms` milliseconds (for polling a running CLI process). */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The words of `ape search` against a server: `search --task TASK --model MODEL --base-url URL …more`. */
export function searchArgs(task: string, url: string, more: readonly string[] = [], model = "vllm:sim-model"): string[] {
  return ["search", "--task", task, "--model", model, "--base-url", url, ...more];
}

/** ape's version, from its package.json: what `ape --version` says. */
export const VERSION: string = (JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8")) as { version: string }).version;
