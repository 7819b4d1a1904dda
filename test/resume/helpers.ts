/**
 * Helpers for the crash/resume tests: run the real built CLI as a child process, and read what a
 * run stored with plain SQL.
 */
import { readDb } from "../support/db.js";
import type { SimServer } from "../support/sim/index.js";
import { INPUTS } from "../support/sim/fixture.js";
import { writeWorldTask } from "../support/task-fixture.js";

/** Successful calls paid for (not answered from the cache), in all runs of the file. */
export function paidCalls(file: string): number {
  return readDb<{ n: number }>(file, "SELECT count(*) AS n FROM calls WHERE cached = 0 AND error IS NULL")[0]?.n ?? 0;
}

/** `paidCalls`, or 0 while the file or its tables are not there yet (a process just started, or killed while creating them). */
export function paidSoFar(file: string): number {
  try {
    return paidCalls(file);
  } catch {
    return 0;
  }
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

/** Prompts the server was asked to answer for the search itself (probes ask for at most 1 token). */
export function searchPrompts(s: SimServer): number {
  return s.stats.log
    .filter((e) => e.path === "/v1/completions" && typeof e.body === "object" && e.body !== null && "max_tokens" in e.body && Number(e.body.max_tokens) > 1)
    .reduce((n, e) => {
      const prompt = (e.body as { prompt: unknown }).prompt;
      return n + (Array.isArray(prompt) ? prompt.length : 1);
    }, 0);
}
