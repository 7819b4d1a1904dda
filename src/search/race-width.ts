/**
 * The race width a run selects with (`SelectOptions.raceWidth`): its own stored setting. A run
 * stored before the width was a setting raced as wide as its concurrency and batch allowed
 * (`slotsWidth`); continued, it races as it began, so it ends with the ranking it would have had
 * uninterrupted.
 */
import type { Resolved } from "../options/search-options.js";
import { slotsWidth } from "../select/index.js";

/** The race width stored in a run's config (`runs.config`), else that of `r` (a new run). */
export function runRaceWidth(storedConfig: string | undefined, r: Resolved): number {
  if (storedConfig === undefined) return r.raceWidth;
  let stored: unknown;
  try {
    stored = JSON.parse(storedConfig);
  } catch {
    return r.raceWidth;
  }
  const field = (name: "raceWidth" | "concurrency" | "batch"): number | undefined => {
    const v = typeof stored === "object" && stored !== null ? Object.entries(stored).find(([key]) => key === name)?.[1] : undefined;
    return typeof v === "number" && Number.isInteger(v) && v >= 1 ? v : undefined;
  };
  const width = field("raceWidth");
  if (width !== undefined) return width;
  const requests = field("concurrency");
  const promptsPerRequest = field("batch");
  if (requests === undefined || promptsPerRequest === undefined) return r.raceWidth;
  return slotsWidth({}, { requests, promptsPerRequest });
}
