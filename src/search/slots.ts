/**
 * The selection slots of a run (see `SelectOptions.slots`): the concurrency and batch it was
 * started with. They shape multistage's race steps, so they are settings of the run: a run
 * continued with another `--concurrency` or `--batch` sends its requests that way but races as it
 * began, and ends with the ranking it would have had uninterrupted.
 */
import type { Resolved } from "../options.js";
import type { Slots } from "../select/selector.js";

/** The slots stored in a run's config (`runs.config`), else those of `r` (a new run). */
export function runSlots(storedConfig: string | undefined, r: Resolved): Slots {
  const fresh: Slots = { requests: r.concurrency, promptsPerRequest: r.batch };
  if (storedConfig === undefined) return fresh;
  let stored: unknown;
  try {
    stored = JSON.parse(storedConfig);
  } catch {
    return fresh;
  }
  const field = (name: "concurrency" | "batch", fallback: number): number => {
    const v = typeof stored === "object" && stored !== null ? (stored as Record<string, unknown>)[name] : undefined;
    return typeof v === "number" && Number.isInteger(v) && v >= 1 ? v : fallback;
  };
  return { requests: field("concurrency", fresh.requests), promptsPerRequest: field("batch", fresh.promptsPerRequest) };
}
