import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dedupeKey } from "../../src/propose/proposal.js";
import { BEST } from "../support/sim/fixture.js";
import { ape } from "../support/cli.js";
import { finishedRun, inProcess, type Finished } from "../support/finished-run.js";

let run: Finished;
let winner: { id: number; text: string };
beforeAll(async () => {
  run = await finishedRun("none", ["--refine", "resample"], false);
  winner = (JSON.parse(run.search.stdout) as { winner: { id: number; text: string } }).winner;
});
afterAll(() => run.server.close());

describe("ape runs", () => {
  it("lists the run with its task, models, status, best score, cost and time", async () => {
    const r = await ape(["runs", "--db", run.db]);
    expect(r.code).toBe(0);
    const header = r.stdout.split("\n")[0] ?? "";
    for (const h of ["id", "task", "models", "status", "best", "cost", "when"]) expect(header).toContain(h);
    const line = r.stdout.split("\n").find((l) => l.startsWith(run.runId)) ?? "";
    expect(line).toMatch(/opposites\s+vllm:sim-model\s+done\s+[01]\.\d{3}\s+\d+\s+\d+\s+\$0\.0\d*[1-9]/);
    const json = JSON.parse((await ape(["runs", "--db", run.db, "--json"])).stdout) as { id: string; status: string }[];
    expect(json).toEqual([expect.objectContaining({ id: run.runId, status: "done" })]);
  });

  it("says where to look instead of creating a database that is not there", async () => {
    const missing = join(run.dir, "nothing", "here.db");
    const r = await inProcess(["runs", "--db", missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(missing);
    expect(r.stderr).toContain("ape search");
  });
});

describe("ape show RUN", () => {
  it("shows the leaderboard with 95% intervals around each score, the references and the totals", async () => {
    const r = await ape(["show", run.runId.slice(0, 5), "--db", run.db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`run ${run.runId} (done): task opposites`);
    const row = new RegExp(`^\\s*1\\s+${winner.id}\\s+(\\d\\.\\d{3})\\s+\\[(\\d\\.\\d{3}), (\\d\\.\\d{3})\\]`, "m").exec(r.stdout);
    expect(row).not.toBeNull();
    const [score, low, high] = [row?.[1], row?.[2], row?.[3]].map(Number) as [number, number, number];
    expect(low).toBeLessThanOrEqual(score);
    expect(high).toBeGreaterThanOrEqual(score);
    expect(high).toBeLessThanOrEqual(1);
    expect(r.stdout).toContain(winner.text);
    expect(r.stdout).toMatch(
      /references \(human-written\)[^\n]*\n[^\n]*test[^\n]*\n\s*\d+\s+\d\.\d{3}\s+\[\d\.\d{3}, \d\.\d{3}\]\s+\d+\s+Write the opposite of the word\./,
    );
    expect(r.stdout).toMatch(/totals: \d+ evaluations, \d+ calls \(\d+ cached\), \d+ tokens .*\$0\.\d{4}/);
    expect(r.stdout).toContain(`ape show ${run.runId} --candidate ${winner.id}`);
  });

  it("names the run and the command that lists runs when the id is unknown (exit 2, no stack)", async () => {
    const r = await inProcess(["show", "nosuchrun", "--db", run.db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no run "nosuchrun"');
    expect(r.stderr).toContain("ape runs");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("ape show RUN --candidate ID", () => {
  it("explains the winner: origin, exact proposer prompt, history through the stages, outputs with failures first", async () => {
    const r = await ape(["show", run.runId, "--candidate", String(winner.id), "--examples", "1000", "--db", run.db]);
    expect(r.code).toBe(0);
    expect(dedupeKey(winner.text)).toBe(dedupeKey(BEST));
    expect(r.stdout).toContain(`candidate ${winner.id} of run ${run.runId} (opposites): rank 1 of`);
    expect(r.stdout).toMatch(/origin:\s+(forward|resample \(round \d\))\n/);
    expect(r.stdout).toMatch(/eval:\s+\d\.\d{3} \[\d\.\d{3}, \d\.\d{3}\] on \d+ examples \(survived\)/);

    const sql = new Database(run.db, { readonly: true });
    const stored = sql.prepare("SELECT proposer_prompt FROM candidates WHERE id = ?").get(winner.id) as { proposer_prompt: string };
    const evals = sql.prepare("SELECT example_id, output, score FROM evaluations WHERE candidate_id = ?").all(winner.id) as {
      example_id: string;
      output: string;
      score: number;
    }[];
    sql.close();
    const promptLines = stored.proposer_prompt.split("\n").map((l) => `    ${l}`.trimEnd());
    expect(
      r.stdout
        .split("\n")
        .map((l) => l.trimEnd())
        .join("\n"),
    ).toContain(`proposer prompt (exact):\n${promptLines.join("\n")}`);
    expect(r.stdout).toMatch(/history \(running mean after each selection stage\):\nround\s+stage\s+mean\s+n\n\s+\d+\s+0\s+\d\.\d{3}\s+\d+\n/);

    // Outputs: one row per evaluation, lowest scores first, the task's input beside each output.
    const table = r.stdout.slice(r.stdout.indexOf("split  example"));
    const rows = table
      .split("\n")
      .slice(1)
      .filter((l) => /^(eval|test)\s/.test(l));
    expect(rows).toHaveLength(evals.length);
    const scores = rows.map((l) => Number(l.split(/\s+/)[2]));
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(scores[0]).toBeLessThan(1);
    const first = rows[0]?.split(/\s+/) ?? [];
    expect(first[3]).toBe(`word${first[1]}`);
    expect(first[4]).toBe(`opposite-${first[1]}`);
    expect(evals.find((e) => e.example_id === first[1])?.output).toBe(first[5]);
  });

  it("shows a resampled variant's parent with the parent's text, and the round it was bred in", async () => {
    const sql = new Database(run.db, { readonly: true });
    const child = sql
      .prepare(
        "SELECT c.id, c.round, p.id AS parent, p.text AS parent_text FROM candidates c JOIN candidates p ON p.id = c.parent_id WHERE c.run_id = ? ORDER BY c.rank LIMIT 1",
      )
      .get(run.runId) as { id: number; round: number; parent: number; parent_text: string } | undefined;
    sql.close();
    expect(child).toBeDefined();
    const r = await ape(["show", run.runId, "--candidate", String(child?.id), "--db", run.db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`origin:     resample (round ${child?.round})`);
    expect(r.stdout).toMatch(
      new RegExp(
        `parent:\\s+candidate ${child?.parent} \\([a-z]+, eval \\d\\.\\d{3}\\):\\n    ${child?.parent_text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\n`,
      ),
    );
    expect(r.stdout).toContain("proposer prompt (exact):");
  });

  it("refuses a candidate id the run does not have (exit 2)", async () => {
    const r = await inProcess(["show", run.runId, "--candidate", "9999", "--db", run.db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`run ${run.runId} has no candidate 9999`);
  });

  it("reads a file of schema 4 (no feedback column) without changing it: outputs without feedback", async () => {
    const old = join(run.dir, "schema-4.db");
    copyFileSync(run.db, old);
    const raw = new Database(old);
    raw.exec("ALTER TABLE evaluations DROP COLUMN feedback");
    raw.pragma("user_version = 4");
    raw.pragma("journal_mode = DELETE");
    raw.close();
    const bytes = readFileSync(old);
    const r = await inProcess(["show", run.runId, "--candidate", String(winner.id), "--db", old, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const outcomes = (JSON.parse(r.stdout) as { outcomes: { feedback: unknown }[] }).outcomes;
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.every((o) => o.feedback === null)).toBe(true);
    const exported = await inProcess(["export", run.runId, "--what", "evaluations", "--format", "jsonl", "--db", old]);
    expect(
      exported.stdout
        .split("\n")
        .filter(Boolean)
        .every((l) => (JSON.parse(l) as { feedback: unknown }).feedback === null),
    ).toBe(true);
    expect(readFileSync(old).equals(bytes)).toBe(true);
  });
});
