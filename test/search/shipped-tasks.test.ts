/**
 * Every shipped task runs a real search against the simulated server, whose world is built from
 * the task itself (answers from its examples, the hidden rule from its first reference).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { search } from "../../src/index.js";
import { loadTask } from "../../src/task/index.js";
import { dedupeKey } from "../../src/propose/proposal.js";
import { startSimServer } from "../support/sim/index.js";
import { worldForTask } from "../support/sim/task-world.js";
import { tempDir } from "../support/temp.js";

const TASKS = readdirSync("tasks")
  .filter((f) => f.endsWith(".json"))
  .sort();

describe("every shipped task runs a search against the simulated server", () => {
  for (const file of TASKS) {
    it(file, async () => {
      const task = await loadTask(join("tasks", file));
      const reference = task.references[0] ?? "";
      const server = await startSimServer({ seed: 1, world: worldForTask(task) });
      try {
        const result = await search({ task, model: "vllm:sim-model", baseUrls: [server.url], db: join(tempDir(), "ape.db"), candidates: 8, subsets: 2 }); // 4 samples per subset: every world proposal is drawn
        expect(result.status).toBe("done");
        expect(dedupeKey(result.winner?.text ?? "")).toBe(dedupeKey(reference));
        expect(result.winner?.score).toBeGreaterThan(0.6);
      } finally {
        await server.close();
      }
    });
  }
});
