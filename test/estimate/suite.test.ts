import { mkdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { estimate, estimateSuite, type SuiteEstimate } from "../../src/index.js";
import { captured } from "../support/cli.js";
import { writeSmallTask, writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";

/** A folder with two tasks of different sizes, as `ape suite --tasks DIR` takes it. */
function twoTasks(): { readonly dir: string; readonly files: readonly string[] } {
  const root = tempDir();
  const dir = join(root, "tasks");
  mkdirSync(dir);
  const big = join(dir, "a-big.json");
  renameSync(writeWorldTask(root), big);
  const small = join(dir, "b-small.json");
  renameSync(writeSmallTask(root, 30), small);
  return { dir, files: [big, small] };
}

const SETTINGS = { model: "openai:gpt-4o-mini", candidates: 12, seed: 3 } as const;

describe("estimating a suite", () => {
  it("gives each task the estimate `ape estimate --task` gives it, and their sum", async () => {
    const { dir, files } = twoTasks();
    const suite = await estimateSuite({ ...SETTINGS, tasks: [dir] });
    const each = await Promise.all(files.map((task) => estimate({ ...SETTINGS, task })));
    expect(suite.tasks.map((t) => t.file)).toEqual(files);
    expect(suite.tasks.map((t) => t.estimate)).toEqual(each);
    expect(suite.total.calls).toBe(each.reduce((n, e) => n + e.total.calls, 0));
    expect(suite.total.costUsd).toBeCloseTo(
      each.reduce((n, e) => n + e.total.costUsd, 0),
      12,
    );
    expect(suite.total.evaluations).toBe(each.reduce((n, e) => n + e.evaluations, 0));
    // The larger task plans more: the figures are per task, not one task's copied.
    expect(each[0]?.total.calls ?? 0).toBeGreaterThan(each[1]?.total.calls ?? 0);
  });

  it("`ape estimate --tasks` prints one row per task and the total, or one JSON document", async () => {
    const { dir } = twoTasks();
    const text = captured();
    expect(await main(["estimate", "--tasks", dir, "--model", "openai:gpt-4o-mini"], text), text.err()).toBe(0);
    const lines = text.out().split("\n");
    expect(lines[0]).toMatch(/^task\s+calls\s+prompt tokens\s+completion tokens\s+evaluations\s+cost$/);
    expect(lines[1]).toMatch(/^opposites\s+[\d,]+/);
    expect(lines[3]).toMatch(/^total \(2 tasks\)\s+[\d,]+\s+[\d,]+\s+[\d,]+\s+[\d,]+\s+\$\d/);
    const json = captured();
    expect(await main(["estimate", "--tasks", dir, "--model", "openai:gpt-4o-mini", "--json"], json)).toBe(0);
    const parsed = JSON.parse(json.out()) as SuiteEstimate;
    expect(parsed.tasks).toHaveLength(2);
    expect(parsed.total.calls).toBe(parsed.tasks.reduce((n, t) => n + t.estimate.total.calls, 0));
  });

  it("refuses --task with --tasks, and a task without the protocol --protocol asks for (exit 2, nothing estimated)", async () => {
    const { dir, files } = twoTasks();
    const both = captured();
    expect(await main(["estimate", "--task", files[0] ?? "", "--tasks", dir], both)).toBe(2);
    expect(both.err()).toContain("--task FILE for one search, or --tasks FILES|FOLDERS for a suite");
    expect(both.out()).toBe("");
    const protocol = captured();
    expect(await main(["estimate", "--tasks", dir, "--protocol", "ape-paper"], protocol)).toBe(2);
    expect(protocol.err()).toContain('does not declare "protocol": "ape-paper"');
    expect(protocol.out()).toBe("");
  });
});
