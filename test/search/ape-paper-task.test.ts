/** A task imported from the APE layout (the ape-paper protocol) is scored on exactly its execute examples. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { search } from "../../src/index.js";
import { importApe, loadTask, writeTasks } from "../../src/task/index.js";
import { writeApeLayout } from "../support/import-sources.js";
import { startSimServer } from "../support/sim/index.js";
import { worldForTask } from "../support/sim/task-world.js";
import { tempDir, tempFolder } from "../support/temp.js";

describe("importApe: the ape-paper protocol", () => {
  it("is scored by a search on exactly the 100 execute examples", async () => {
    const { dir, cleanup } = await tempFolder();
    try {
      await writeApeLayout(join(dir, "src"));
      await writeTasks(await importApe(join(dir, "src")), join(dir, "out"));
      const task = await loadTask(join(dir, "out", "rhymes.json"));
      const server = await startSimServer({ seed: 1, world: worldForTask(task) });
      try {
        const result = await search({ task, model: "vllm:sim-model", baseUrls: [server.url], db: join(tempDir(), "ape.db"), candidates: 4, subsets: 1 });
        expect(result.status).toBe("done");
        expect(result.winner?.testCount).toBe(100);
        expect(result.references.map((r) => r.testCount)).toEqual([100]);
      } finally {
        await server.close();
      }
    } finally {
      await cleanup();
    }
  });
});
