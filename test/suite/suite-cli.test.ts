import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dedupeKey } from "../../src/propose/proposal.js";
import { iqm } from "../../src/stats/iqm.js";
import type { SuiteResult } from "../../src/suite/result.js";
import { ape } from "../support/cli.js";
import { readDb } from "../support/db.js";
import { BEST } from "../support/sim/fixture.js";
import { simServers } from "../support/sim/per-test.js";
import { tempDir } from "../support/temp.js";
import { REFERENCES, suiteArgs, writeSuiteTasks } from "./support.js";

/**
 * Far fewer than three tasks keep ready (38 in flight when three searches each have their own
 * limit); the capability probe keeps within it too.
 */
const CONCURRENCY = 4;

const sims = simServers();

describe("ape suite (the real binary)", () => {
  it("searches three tasks through one limit per model and prints ape against each task's human reference", async () => {
    const server = await sims.world({ faults: { latencyMs: 10 } });
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const r = await ape([...suiteArgs(writeSuiteTasks(dir), server.url, db, CONCURRENCY), "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as SuiteResult;
    expect(doc.status).toBe("done");
    expect(doc.tasks.map((t) => t.task)).toEqual(Object.keys(REFERENCES));

    // Three tasks at once, each with more evaluations ready than --concurrency allows, yet never more
    // requests in flight than that: the limit is the suite's, and it was reached.
    expect(server.stats.maxInFlight).toBeLessThanOrEqual(CONCURRENCY);
    expect(server.stats.maxInFlight).toBeGreaterThanOrEqual(CONCURRENCY - 1);

    for (const t of doc.tasks) {
      expect(t.status).toBe("done");
      expect(dedupeKey(t.ape?.text ?? "")).toBe(dedupeKey(BEST));
      expect(t.reference?.text).toBe(REFERENCES[t.task as keyof typeof REFERENCES]);
      // The reference was scored on exactly the winner's test examples, and the table shows what the store holds.
      const run = t.runId ?? "";
      const examples = (text: string): string[] =>
        readDb<{ example_id: string }>(
          db,
          "SELECT e.example_id FROM evaluations e JOIN candidates c ON c.id = e.candidate_id WHERE e.run_id = ? AND e.split = 'test' AND c.text = ? ORDER BY e.example_id",
          run,
          text,
        ).map((e) => e.example_id);
      expect(examples(t.reference?.text ?? "")).toEqual(examples(t.ape?.text ?? ""));
      const stored = readDb<{ mean: number; n: number }>(
        db,
        "SELECT avg(e.score) AS mean, count(*) AS n FROM evaluations e JOIN candidates c ON c.id = e.candidate_id WHERE e.run_id = ? AND e.split = 'test' AND c.text = ?",
        run,
        t.reference?.text,
      )[0];
      expect(t.reference?.score).toBeCloseTo(stored?.mean ?? -1, 12);
      expect(t.reference?.count).toBe(stored?.n);
      expect(t.difference).toBeCloseTo((t.ape?.score ?? 0) - (t.reference?.score ?? 0), 12);
    }
    const [a, b, c] = doc.tasks;
    // Task a's reference is ape's winner itself: the same score, a tie. Task b's has none of the rewarded keywords.
    expect(a?.reference?.score).toBe(a?.ape?.score);
    expect(a?.outcome).toBe("tie");
    expect(doc.tasks.map((t) => t.apeIsReference)).toEqual([true, false, false]);
    expect(b?.reference?.score).toBeLessThan(c?.reference?.score ?? 0);
    expect(b?.outcome).toBe("win");
    expect(doc.record.wins + doc.record.ties + doc.record.losses).toBe(3);
    expect(doc.iqm.ape).toBeCloseTo(iqm(doc.tasks.map((t) => t.ape?.score ?? 0)) ?? -1, 12);
    expect(doc.iqm.reference).toBeCloseTo(iqm(doc.tasks.map((t) => t.reference?.score ?? 0)) ?? -1, 12);

    // The suite is a row of its own, linking its three runs; its totals are theirs.
    const suites = readDb<{ id: string; status: string; tasks: number }>(db, "SELECT id, status, tasks FROM suites");
    expect(suites).toEqual([{ id: doc.suiteId, status: "done", tasks: 3 }]);
    const runs = readDb<{ id: string; calls: number }>(db, "SELECT id, calls FROM runs WHERE suite_id = ?", doc.suiteId);
    expect(runs.map((x) => x.id).sort()).toEqual(doc.tasks.map((t) => t.runId).sort());
    expect(doc.totals.calls).toBe(runs.reduce((n, x) => n + x.calls, 0));

    // The text table says the same.
    const text = await ape(["resume", doc.suiteId, "--db", db, "--progress", "none"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/opposites-b\s+1\.000\s+\[0\.\d{3}, 1\.000\]\s+0\.\d{3}\s+\[0\.000, 0\.\d{3}\]\s+\+\d\.\d{3}\s+win/);
    expect(text.stdout).toContain(`IQM over 3 tasks with both scores: ape ${doc.iqm.ape?.toFixed(3)}, human ${doc.iqm.reference?.toFixed(3)}`);
    // Task a's winner is its human reference, and every view says so: the suite table, `ape show RUN` and the HTML report.
    expect(text.stdout).toMatch(/opposites-a\s+\d\.\d{3} = human reference\s/);
    expect(text.stdout).not.toMatch(/opposites-[bc]\s+\d\.\d{3} = human reference/);
    const run = await ape(["show", a?.runId ?? "", "--db", db]);
    expect(run.stdout).toMatch(/^\s+1\s+\d+\s.*forward = human reference/m);
    expect(run.stdout).toContain(`${REFERENCES["opposites-a"]} (also candidate`);
    const page = await ape(["report", a?.runId ?? "", "--db", db, "--out", join(dir, "a.html")]);
    expect(page.code, page.stderr).toBe(0);
    expect(readFileSync(join(dir, "a.html"), "utf8")).toContain("<strong>= human reference</strong>");

    // `ape show SUITE` prints that table again; `ape runs` lists the suite, and each run names its suite.
    const shown = await ape(["show", doc.suiteId.slice(0, 6), "--db", db]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toBe(text.stdout);
    const listed = await ape(["runs", "--db", db]);
    expect(listed.code).toBe(0);
    const [runsPart, suitesPart] = listed.stdout.split("\nsuites:\n");
    for (const t of doc.tasks) expect(runsPart).toMatch(new RegExp(`${t.runId}\\s.*\\s${doc.suiteId}$`, "m"));
    const { wins, ties, losses } = doc.record;
    expect(suitesPart).toMatch(
      new RegExp(`^${doc.suiteId}\\s+3/3\\s+done\\s+${doc.iqm.ape?.toFixed(3)}\\s+${doc.iqm.reference?.toFixed(3)}\\s+${wins}/${ties}/${losses}\\s`, "m"),
    );

    // `ape export SUITE` gives the table; `ape report SUITE` one page whose chart links to each task's section.
    const csv = await ape(["export", doc.suiteId, "--db", db, "--format", "csv"]);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      "suite_id,task,task_file,run_id,status,ape_instruction,ape_test,ape_ci_low,ape_ci_high,test_count,human_instruction,human_test,human_ci_low,human_ci_high,difference,outcome,evaluations,calls,cost_usd,ape_is_reference",
    );
    expect(lines.slice(1).map((l) => l.split(",")[1])).toEqual(Object.keys(REFERENCES));
    const jsonl = await ape(["export", doc.suiteId, "--db", db, "--format", "jsonl"]);
    const records = jsonl.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { outcome: string; human_test: number });
    expect(records.map((x) => x.outcome)).toEqual(doc.tasks.map((t) => t.outcome));
    expect(records.map((x) => x.human_test)).toEqual(doc.tasks.map((t) => t.reference?.score));

    const out = join(dir, "suite.html");
    const report = await ape(["report", doc.suiteId.slice(0, 5), "--db", db, "--out", out]);
    expect(report.code, report.stderr).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).not.toMatch(/NaN|Infinity|undefined|<script/);
    const chart = /<figure id="chart-suite".*?<\/figure>/s.exec(html)?.[0] ?? "";
    expect(chart.match(/class="mark bar"/g)).toHaveLength(6);
    for (const t of doc.tasks) {
      expect(chart).toContain(`<a href="#task-${t.runId}">`);
      expect(html).toContain(`<section id="task-${t.runId}">`);
    }
  });
});
