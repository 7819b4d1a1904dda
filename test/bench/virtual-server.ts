/**
 * A server in virtual time for selection benchmarks: `slots.requests` requests at once, each
 * answered one latency after it starts, each carrying up to `slots.promptsPerRequest` examples of
 * one candidate (as the Gateway batches them). A selection run against it reports how many
 * latencies it took, so a strategy's schedule can be judged over hundreds of trials in a second.
 */
import type { Evaluate, Slots } from "../../src/select/index.js";

interface Pending {
  readonly at: number;
  readonly resolve: () => void;
}

/** Run `work` against a virtual server; `answer` gives the scores. @returns the result and the latencies it took. */
export async function inVirtualTime<T>(
  slots: Slots,
  answer: Evaluate,
  work: (evaluate: Evaluate) => Promise<T>,
): Promise<{ readonly result: T; readonly latencies: number }> {
  let now = 0;
  const free = new Array<number>(slots.requests).fill(0);
  const pending: Pending[] = [];
  const evaluate: Evaluate = async (requests) => {
    let done = now;
    for (const r of requests) {
      for (let k = 0; k < Math.ceil(r.examples.length / slots.promptsPerRequest); k++) {
        let slot = 0;
        for (let i = 1; i < free.length; i++) if ((free[i] ?? 0) < (free[slot] ?? 0)) slot = i;
        const end = Math.max(now, free[slot] ?? 0) + 1;
        free[slot] = end;
        done = Math.max(done, end);
      }
    }
    await new Promise<void>((resolve) => pending.push({ at: done, resolve }));
    return answer(requests);
  };
  let finished = false;
  const running = work(evaluate).finally(() => {
    finished = true;
  });
  // Whenever the work is blocked on answers, deliver the earliest one.
  while (!finished) {
    await new Promise((resolve) => setImmediate(resolve));
    if (pending.length === 0) continue;
    let first = 0;
    for (let i = 1; i < pending.length; i++) if ((pending[i]?.at ?? 0) < (pending[first]?.at ?? 0)) first = i;
    const [next] = pending.splice(first, 1);
    if (!next) continue;
    now = Math.max(now, next.at);
    next.resolve();
  }
  return { result: await running, latencies: now };
}
