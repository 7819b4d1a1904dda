/**
 * The results file alone explains a run: with the task file moved away, or for a task built in
 * code, `ape show --candidate`, `ape export --what evaluations` and `ape report` still show each
 * input and its expected outputs, read from the task stored with the run. A file from before tasks
 * were stored is read as before: inputs from the task file while it is there, `?` once it is gone.
 */
import { copyFileSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { parseTask, search } from "../../src/index.js";
import { inProcess } from "../support/finished-run.js";
import { INPUTS } from "../support/sim/fixture.js";
import { simServers } from "../support/sim/per-test.js";
import { writeSmallTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";

const sims = simServers();

/** A small search of the simulated antonym world; returns the run and its winner's id. */
async function smallSearch(task: Parameters<typeof search>[0]["task"], url: string, db: string): Promise<{ runId: string; winner: number }> {
  const result = await search({ task, model: "vllm:sim-model", baseUrls: [url], db, candidates: 4, subsets: 2, seed: 1 });
  if (!result.winner) throw new Error("the search found no winner");
  return { runId: result.runId, winner: result.winner.id };
}

/** The failing rows of `ape show --candidate`'s outputs table, split into columns. */
function outcomeRows(stdout: string): string[][] {
  const table = stdout.slice(stdout.indexOf("split  example"));
  return table
    .split("\n")
    .slice(1)
    .filter((l) => /^(eval|test)\s/.test(l))
    .map((l) => l.split(/\s+/));
}

describe("a run explained by the results file alone", () => {
  it("shows, exports and reports inputs and expected outputs after the task file has moved away", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const file = writeSmallTask(dir, 40);
    const { runId, winner } = await smallSearch(file, server.url, db);
    renameSync(file, join(dir, "moved.json"));

    const shown = await inProcess(["show", runId, "--candidate", String(winner), "--examples", "100", "--db", db]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).not.toContain("could not be read");
    const rows = outcomeRows(shown.stdout);
    expect(rows.length).toBeGreaterThan(20);
    for (const [, id, , input, expected] of rows) {
      expect(input).toBe(`word${id}`);
      expect(expected).toBe(`opposite-${id}`);
    }

    const exported = await inProcess(["export", runId, "--what", "evaluations", "--db", db]);
    expect(exported.code, exported.stderr).toBe(0);
    const records = JSON.parse(exported.stdout) as { example_id: string; input: string; expected: string[] }[];
    expect(records.length).toBeGreaterThan(20);
    for (const r of records) expect([r.input, r.expected]).toEqual([`word${r.example_id}`, [`opposite-${r.example_id}`]]);
    const csv = await inProcess(["export", runId, "--what", "evaluations", "--format", "csv", "--db", db]);
    expect(csv.stdout.split("\r\n")[0]).toBe("run_id,evaluation_id,candidate_id,split,example_id,output,score,created_at,input,expected,feedback");

    const html = join(dir, "report.html");
    const reported = await inProcess(["report", runId, "--out", html, "--db", db]);
    expect(reported.code, reported.stderr).toBe(0);
    const page = readFileSync(html, "utf8");
    expect(page).toContain("<h2>The winner's answers</h2>");
    expect(page).toContain("<pre>Instruction: [PROMPT]\nInput: [INPUT]\nOutput: [OUTPUT]</pre>");
    const cells = [...page.matchAll(/<tr><td>(eval|test)<\/td><td>(\d+)<\/td><td class="num">[^<]*<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td>/g)];
    expect(cells.length).toBe(Math.min(20, rows.length));
    for (const [, , id, input, expected] of cells) expect([input, expected]).toEqual([`word${id}`, `opposite-${id}`]);
  });

  it("shows the inputs of a task built in code, which has no file at all", async () => {
    const server = await sims.world();
    const db = join(tempDir(), "ape.db");
    const examples = INPUTS.slice(0, 24).map((input, i) => ({ id: `x${i}`, input, output: `opposite-${i}` }));
    const task = parseTask(JSON.stringify({ name: "in-code", examples }), "built in my pipeline");
    const { runId, winner } = await smallSearch(task, server.url, db);
    const shown = await inProcess(["show", runId, "--candidate", String(winner), "--examples", "100", "--db", db]);
    expect(shown.code, shown.stderr).toBe(0);
    const rows = outcomeRows(shown.stdout);
    expect(rows.length).toBeGreaterThan(10);
    for (const [, id, , input, expected] of rows) {
      const i = Number(id?.slice(1));
      expect([input, expected]).toEqual([INPUTS[i], `opposite-${i}`]);
    }
  });

  it("reads a file from before stored tasks as before: from the task file, then `?` once it is gone", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const fresh = join(dir, "fresh.db");
    const file = writeSmallTask(dir, 24);
    const { runId, winner } = await smallSearch(file, server.url, fresh);
    // The same run as an ape of schema 4 would have stored it.
    const old = join(dir, "old.db");
    copyFileSync(fresh, old);
    const raw = new Database(old);
    raw.exec("DROP INDEX runs_task_hash; ALTER TABLE runs DROP COLUMN task_hash; DROP TABLE task_examples; DROP TABLE tasks;");
    raw.pragma("user_version = 4");
    raw.pragma("journal_mode = DELETE");
    raw.close();
    const bytes = readFileSync(old);
    const show = (): ReturnType<typeof inProcess> => inProcess(["show", runId, "--candidate", String(winner), "--db", old]);

    const before = await show();
    expect(before.code, before.stderr).toBe(0);
    const [, id, , input] = outcomeRows(before.stdout)[0] ?? [];
    expect(input).toBe(`word${id}`);

    renameSync(file, join(dir, "moved.json"));
    const after = await show();
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toContain(`inputs not shown: the task file ${file} could not be read`);
    expect(outcomeRows(after.stdout)[0]?.[3]).toBe("?");
    const exported = JSON.parse((await inProcess(["export", runId, "--what", "evaluations", "--db", old])).stdout) as { input: unknown }[];
    expect(exported.every((r) => r.input === null)).toBe(true);
    expect(readFileSync(old).equals(bytes)).toBe(true);
  });
});
