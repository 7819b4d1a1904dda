/**
 * Helpers for the crash/resume tests: run the real built CLI as a child process, and read what a
 * run stored with plain SQL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import Database from "better-sqlite3";
import { INPUTS } from "../support/sim/fixture.js";
import { writeWorldTask } from "../support/task-fixture.js";

/** The built CLI launcher. */
export const BIN = join(import.meta.dirname, "../../bin/ape.js");

/** A running CLI process and what it printed so far. */
export interface Spawned {
  readonly child: ChildProcess;
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Start `ape …args` with extra environment variables. */
export function spawnApe(args: readonly string[], env: Record<string, string> = {}): Spawned {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Run `ape …args` to the end. */
export function ape(args: readonly string[], env: Record<string, string> = {}): Spawned["done"] {
  return spawnApe(args, env).done;
}

/** Read from a database file with a fresh read-only connection. */
export function readDb<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Successful calls paid for (not answered from the cache), in all runs of the file. */
export function paidCalls(file: string): number {
  return readDb<{ n: number }>(file, "SELECT count(*) AS n FROM calls WHERE cached = 0 AND error IS NULL")[0]?.n ?? 0;
}

/** A run's ranking: candidate texts by rank with their eval scores and counts. */
export function ranking(file: string, runId?: string): string[] {
  const run = runId ?? readDb<{ id: string }>(file, "SELECT id FROM runs ORDER BY created_at DESC LIMIT 1")[0]?.id;
  return readDb<{ text: string; score: number | null; eval_count: number; test_score: number | null }>(
    file,
    "SELECT text, score, eval_count, test_score FROM candidates WHERE run_id = ? AND origin != 'reference' ORDER BY rank",
    run,
  ).map((c) => `${c.text} | ${c.score} | ${c.eval_count} | ${c.test_score}`);
}

/** Resolve after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The simulated world's task with only its first `n` examples (smaller searches, faster tests). */
export function writeSmallTask(dir: string, n = 40): string {
  return writeWorldTask(dir, { examples: INPUTS.slice(0, n).map((input, i) => ({ id: String(i), input, output: `opposite-${i}` })) });
}
