/**
 * Two checkouts of ape side by side: searches of each, taking turns against one simulated server at
 * zero latency (the overhead benchmark's search), and the median wall time of each. On a noisy
 * machine a change of 5–10% hides in the spread of two benchmark runs; taking turns in one process
 * shows it. Usage (README, "Benchmarks"), from this checkout, the other one a worktree with its own
 * node_modules (`git worktree add ../base HEAD~1 && cp -al node_modules ../base/`):
 * `node --import tsx test/bench/compare-checkouts.ts ../base . exhaustive 25` (then once more with the
 * two swapped: the one that goes second in each turn is a little favoured).
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { search as searchFn } from "../../src/index.js";
import { benchTask, fmt, median } from "./gateway-support.js";
import { startSimProcess } from "./sim-process.js";

const [first, second, selector = "multistage", rounds = "21"] = process.argv.slice(2);
if (!first || !second || (selector !== "multistage" && selector !== "exhaustive")) {
  throw new Error("usage: compare-checkouts.ts CHECKOUT_A CHECKOUT_B [multistage|exhaustive] [ROUNDS]");
}

/** The `search` of the checkout at `dir`. */
async function searchOf(dir: string): Promise<typeof searchFn> {
  const entry: { search: typeof searchFn } = await import(pathToFileURL(resolve(dir, "src/index.ts")).href);
  return entry.search;
}

const searches = [await searchOf(first), await searchOf(second)] as const;
const server = await startSimProcess();
const { task, db } = benchTask();
const common = { task, model: "vllm:sim-model", baseUrls: [server.url], candidates: 40, batch: 1, concurrency: 8, selector } as const;
const times: [number[], number[]] = [[], []];
const WARM_UP = 5;
for (let round = 0; round < Number(rounds) + WARM_UP; round++) {
  for (const [k, search] of searches.entries()) {
    const t0 = performance.now();
    await search({ ...common, db: db(`${k}-${round}`), seed: 1 });
    if (round >= WARM_UP) times[k]?.push(performance.now() - t0);
  }
}
await server.close();
const [a, b] = times.map(median) as [number, number];
console.log(`--selector ${selector}, medians of ${rounds} searches each: ${first} ${fmt(a, 1)} ms, ${second} ${fmt(b, 1)} ms; second/first ${fmt(b / a, 3)}`);
