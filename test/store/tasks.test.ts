/**
 * The task stored with a run (migration 5): each version of a task once, whatever number of runs use
 * it, read back as it was; a file from before stored tasks is read as before, without a change.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { taskHash } from "../../src/options/search-options.js";
import { MIGRATIONS } from "../../src/store/schema.js";
import { Store } from "../../src/store/store.js";
import { parseTask } from "../../src/task/index.js";
import { readDb } from "../support/db.js";
import { RUN, storeWithRun } from "../support/store.js";
import { tempDir } from "../support/temp.js";

const TASK = parseTask(
  JSON.stringify({
    name: "caps",
    description: "Upper-case the word.",
    templates: { eval: "Do this: [PROMPT]\nWord: [INPUT]\nAnswer: [OUTPUT]" },
    examples: [
      { id: "a", input: "cat", output: "CAT", split: "demo" },
      { id: "b", input: "dog", output: ["DOG", "Dog"], split: "eval" },
      { id: "c", input: "emu", output: "EMU", split: "eval" },
      { id: "d", input: "fox", output: "FOX", split: "test" },
    ],
  }),
  "caps.json",
);

describe("the task stored with a run", () => {
  it("keeps every example (id, split, input, outputs) and the templates, read back as the task had them", () => {
    const store = storeWithRun();
    store.recordTask("r1", taskHash(TASK), TASK);
    const stored = store.runTask("r1");
    store.close();
    expect(stored?.hash).toBe(taskHash(TASK));
    expect(stored?.name).toBe("caps");
    expect(stored?.description).toBe("Upper-case the word.");
    expect(stored?.templates).toEqual(TASK.templates);
    expect(stored?.examples).toEqual([
      { id: "a", split: "demo", input: "cat", outputs: ["CAT"] },
      { id: "b", split: "eval", input: "dog", outputs: ["DOG", "Dog"] },
      { id: "c", split: "eval", input: "emu", outputs: ["EMU"] },
      { id: "d", split: "test", input: "fox", outputs: ["FOX"] },
    ]);
  });

  it("is stored once per version of the task, however many runs use it; another version is stored beside it", () => {
    const file = join(tempDir(), "ape.db");
    const store = storeWithRun({}, file);
    store.createRun({ ...RUN, id: "r2" });
    store.createRun({ ...RUN, id: "r3" });
    const changed = parseTask(
      JSON.stringify({
        name: "caps",
        examples: [
          { input: "gnu", output: "GNU", split: "eval" },
          { input: "hen", output: "HEN", split: "demo" },
        ],
      }),
      "caps.json",
    );
    store.recordTask("r1", taskHash(TASK), TASK);
    store.recordTask("r2", taskHash(TASK), TASK);
    // A resumed run records its task again: nothing is added.
    store.recordTask("r1", taskHash(TASK), TASK);
    store.recordTask("r3", taskHash(changed), changed);
    store.close();
    expect(readDb<{ n: number }>(file, "SELECT COUNT(*) AS n FROM tasks")[0]?.n).toBe(2);
    expect(readDb<{ task_hash: string; n: number }>(file, "SELECT task_hash, COUNT(*) AS n FROM task_examples GROUP BY task_hash ORDER BY n")).toEqual([
      { task_hash: taskHash(changed), n: 2 },
      { task_hash: taskHash(TASK), n: 4 },
    ]);
    const runs = readDb<{ id: string; task_hash: string }>(file, "SELECT id, task_hash FROM runs ORDER BY id");
    expect(runs).toEqual([
      { id: "r1", task_hash: taskHash(TASK) },
      { id: "r2", task_hash: taskHash(TASK) },
      { id: "r3", task_hash: taskHash(changed) },
    ]);
    // The README's query: a run's failures beside their inputs and expected outputs, in plain SQL.
    const joined = readDb<{ input: string }>(
      file,
      "SELECT x.input FROM runs r JOIN task_examples x ON x.task_hash = r.task_hash WHERE r.id = 'r3' ORDER BY x.input",
    );
    expect(joined.map((r) => r.input)).toEqual(["gnu", "hen"]);
  });

  it("is not there in a file of schema 4: read-only, the run reads as having no stored task and the file is not changed", () => {
    const file = join(tempDir(), "old.db");
    const raw = new Database(file);
    for (const sql of MIGRATIONS.slice(0, 4)) raw.exec(sql);
    raw.pragma("user_version = 4");
    raw
      .prepare(
        `INSERT INTO runs (id, created_at, updated_at, task, task_file, proposer, target, scorer, selector, seed, config, config_hash, status)
         VALUES ('r1', 't', 't', 'caps', 'caps.json', 'p', 't', 'exec', 'multistage', 0, '{}', 'h', 'done')`,
      )
      .run();
    raw.close();
    const bytes = readFileSync(file);
    const store = new Store(file, { readOnly: true });
    expect(store.getRun("r1").task).toBe("caps");
    expect(store.runTask("r1")).toBeUndefined();
    store.close();
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});
