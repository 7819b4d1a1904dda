/**
 * `npm run bench`: every `test/bench/*.bench.ts` in turn (each exports `run()`), printing figures.
 * Speed is shown as ratios measured side by side in one run, never asserted.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const only = process.argv.slice(2);
const files = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
for (const file of files) {
  const mod = (await import(pathToFileURL(join(import.meta.dirname, file)).href)) as { run?: () => Promise<void> };
  if (typeof mod.run !== "function") continue;
  console.log(`\n=== ${file} ===`);
  await mod.run();
}
