import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTask } from "../../src/task/index.js";
import { loadSuiteTasks } from "../../src/task/task-files.js";
import { tempDir } from "../support/temp.js";
import { writeSuiteTasks } from "../suite/support.js";

describe("the tasks of a suite", () => {
  it("expand a folder to its task files in name order, beside files named one by one", async () => {
    const folder = writeSuiteTasks(tempDir());
    const tasks = await loadSuiteTasks([folder], undefined);
    expect(tasks.map((t) => t.name)).toEqual(["opposites-a", "opposites-b", "opposites-c"]);
    const mixed = await loadSuiteTasks([join(folder, "opposites-c.json"), join(folder, "opposites-a.json")], undefined);
    expect(mixed.map((t) => t.name)).toEqual(["opposites-c", "opposites-a"]);
  });

  it("with --protocol ape-paper, keep a task that declares it and refuse one that does not", async () => {
    const folder = writeSuiteTasks(tempDir());
    const plain = await loadTask(join(folder, "opposites-a.json"));
    const paper = { ...plain, protocol: "ape-paper" as const };
    expect(plain.protocol).toBeUndefined();
    expect(await loadSuiteTasks([paper], "ape-paper")).toEqual([paper]);
    const other = await loadTask(join(folder, "opposites-b.json"));
    await expect(loadSuiteTasks([paper, other], "ape-paper")).rejects.toThrow(/opposites-b\.json does not declare "protocol": "ape-paper"/);
  });
});
