import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { SuiteResult } from "../../src/suite/result.js";
import { loadTask } from "../../src/task/index.js";
import { captured } from "../support/cli.js";
import { worldForTask } from "../support/sim/task-world.js";
import { simServers } from "../support/sim/per-test.js";
import { tempDir } from "../support/temp.js";

const LAYOUT = join(import.meta.dirname, "../fixtures/ape-layout");

const sims = simServers();

describe("ape suite --protocol ape-paper on tasks imported from the APE layout", () => {
  it("scores ape and the annotations on every execute example, and leaves a task without annotations out of the IQMs", async () => {
    const dir = tempDir();
    const imported = captured();
    expect(await main(["import", "ape", LAYOUT, "--out", join(dir, "tasks")], imported), imported.err()).toBe(0);
    const tasks = await Promise.all(
      readdirSync(join(dir, "tasks"))
        .filter((f) => f.endsWith(".json"))
        .map((f) => loadTask(join(dir, "tasks", f))),
    );
    // One server answers all three tasks: the answers of each, every instruction as good as any.
    const worlds = tasks.map(worldForTask);
    const server = await sims.start({
      seed: 1,
      world: { answers: Object.assign({}, ...worlds.map((w) => w.answers)), keywords: [], proposals: worlds.flatMap((w) => w.proposals) },
    });

    const ctx = captured();
    const settings = [
      "--tasks",
      join(dir, "tasks"),
      "--protocol",
      "ape-paper",
      "--model",
      "vllm:sim-model",
      "--base-url",
      server.url,
      "--candidates",
      "4",
      "--demos",
      "2",
    ];
    const code = await main(["suite", ...settings, "--db", join(dir, "ape.db"), "--progress", "plain", "--json"], ctx);
    expect(code, ctx.err()).toBe(0);
    const doc = JSON.parse(ctx.out()) as SuiteResult;
    // Before it starts, the suite says on stderr what it is planned to cost: what `ape estimate --tasks` says.
    const planned = captured();
    expect(await main(["estimate", ...settings], planned)).toBe(0);
    const total = planned
      .out()
      .split("\n")
      .find((l) => l.startsWith("total (3 tasks)"));
    expect(total).toBeDefined();
    expect(ctx.err()).toMatch(/^estimate:\n/);
    expect(ctx.err()).toContain(`  ${total}\n`);
    const execute = (name: string): number =>
      Object.keys((JSON.parse(readFileSync(join(LAYOUT, "raw/execute", `${name}.json`), "utf8")) as { examples: object }).examples).length;
    for (const t of doc.tasks) {
      expect(t.status).toBe("done");
      expect(t.ape?.count).toBe(execute(t.task));
      if (t.reference) expect(t.reference.count).toBe(execute(t.task));
    }
    const noAnnotations = doc.tasks.find((t) => t.task === "larger_animal");
    expect(noAnnotations).toMatchObject({ reference: null, outcome: null, difference: null });
    const compared = doc.tasks.filter((t) => t.reference !== null);
    expect(compared).toHaveLength(2);
    expect(doc.iqm.ape).toBeCloseTo(((compared[0]?.ape?.score ?? 0) + (compared[1]?.ape?.score ?? 0)) / 2, 12);
  });
});
