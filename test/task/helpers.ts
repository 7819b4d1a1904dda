/** Shared by the task and task-CLI tests: a captured CLI context and temporary folders. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CliContext } from "../../src/cli/context.js";

/** A CLI context whose stdout and stderr are collected into strings. */
export interface Captured extends CliContext {
  readonly out: () => string;
  readonly err: () => string;
}

/** A fresh captured context. */
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

/** A new empty temporary folder and a function that removes it. */
export async function tempDir(prefix = "ape-task-"): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
