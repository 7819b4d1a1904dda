/**
 * The published types compile in a strict consumer (`strict`, `skipLibCheck: false`) that has only
 * what `npm install ape-search --omit=optional` gives it: the package's `.d.ts` files and its
 * production dependencies, with their types. A type the public `.d.ts` needs from a dev dependency
 * (as `@types/better-sqlite3` once was) or from the optional node-llama-cpp fails here.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { consumerProject, MODULES, productionPackages } from "../support/consumer.js";

const CONSUMER = `import { DEFAULT_MODEL, Store, UsageError, loadTask, search, suite, type SearchOptions, type SearchResult, type Task } from "ape-search";

const options: SearchOptions = { task: "tasks/antonyms.json", model: DEFAULT_MODEL, budget: { maxCalls: 100 } };
export const result: Promise<SearchResult> = search(options);
export const tasks: Promise<unknown> = suite({ tasks: ["tasks"], model: "vllm:Qwen/Qwen2.5-7B-Instruct" });
export const task: Promise<Task> = loadTask("tasks/antonyms.json");
const store = new Store(":memory:");
export const runs: number = store.listRuns().length;
store.close();
export const usage: number = new UsageError("bad flag").exitCode;
`;

describe("the published types", () => {
  it("compile in a strict consumer with only the production dependencies installed", () => {
    const dir = consumerProject();
    writeFileSync(join(dir, "consumer.ts"), CONSUMER);
    const compilerOptions = { strict: true, skipLibCheck: false, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", noEmit: true };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["consumer.ts"] }));
    const tsc = spawnSync(process.execPath, [join(MODULES, "typescript", "bin", "tsc"), "-p", dir], { encoding: "utf8" });
    expect(tsc.stdout).toBe("");
    expect(tsc.status).toBe(0);
    // Optional, so a consumer may not have it: the types must not need it.
    expect(productionPackages()).not.toContain("node-llama-cpp");
  }, 120_000);
});
