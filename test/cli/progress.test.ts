import { beforeAll, describe, expect, it } from "vitest";
import { createProgress } from "../../src/cli/progress.js";
import { textOutput } from "../../src/cli/text-output.js";
import type { SearchEvent } from "../../src/events.js";
import { finishedRun, type Finished } from "../support/finished-run.js";

// Two searches, run side by side: one with --progress json, one on a pipe with the default (auto).
let json: Finished;
let auto: Finished;
beforeAll(async () => {
  [json, auto] = await Promise.all([finishedRun("json"), finishedRun("none", ["--progress", "auto"])]);
  await Promise.all([json.server.close(), auto.server.close()]);
});

describe("search progress (the real binary)", () => {
  it("--progress json: one parseable event per stderr line, stages in flow order, the result alone on stdout", async () => {
    const r = json;
    const lines = r.search.stderr.split("\n").filter((l) => l.trim() !== "");
    const events = lines.map(
      (l) =>
        JSON.parse(l) as {
          type: string;
          stage?: string;
          time: string;
          runId?: string;
          evaluations?: number;
          plannedEvaluations?: number;
          totals?: { calls: number };
        },
    );
    expect(events[0]?.type).toBe("start");
    expect(events.at(-1)).toMatchObject({ type: "done", runId: r.runId, status: "done" });
    const stages = events
      .filter((e) => e.type === "stage")
      .map((e) => e.stage)
      .join(" ");
    expect(stages).toMatch(/^probe propose select( resample( select)?)* finalize$/);
    expect(events.some((e) => e.type === "call" && (e.totals?.calls ?? 0) > 0)).toBe(true);
    for (const e of events.filter((x) => x.type === "selection")) expect(e.evaluations).toBeLessThanOrEqual(e.plannedEvaluations ?? 0);
    expect(events.every((e) => !Number.isNaN(Date.parse(e.time)))).toBe(true);
    expect((JSON.parse(r.search.stdout) as { runId: string }).runId).toBe(r.runId);
  });

  it("on a pipe (not a terminal) prints plain lines without escape codes", async () => {
    const r = auto;
    const err = r.search.stderr;
    expect(err).not.toContain("\u001b");
    expect(err).toContain(`run ${r.runId}: opposites`);
    expect(err).toMatch(/stage: select\n/);
    expect(err).toMatch(/round 0: best \d\.\d{3}; \d+ calls/);
    expect(err).toMatch(/done: run \w+ \(done\), \d+ evaluations, \d+ calls \(\d+ cached\), \d+ tokens, \$\d/);
  });
});

describe("search progress on a terminal", () => {
  it("draws a live bar with the stage, evaluations done/planned, candidates alive, calls, tokens, cost and ETA", () => {
    let text = "";
    const tty = {
      isTTY: true,
      columns: 160,
      write: (t: string) => {
        text += t;
        return true;
      },
    };
    // Through the writer every command gets: the bar's own escape codes still reach the terminal.
    const progress = createProgress(textOutput(tty), "auto");
    const totals = { calls: 12, cachedCalls: 2, promptTokens: 300, completionTokens: 40, costUsd: 0.0123, evaluations: 30 };
    const events: SearchEvent[] = [
      { type: "start", runId: "r1", task: "t", resumed: false },
      { type: "stage", stage: "select", round: 0 },
      { type: "call", call: { role: "target", kind: "generate", cached: false, promptTokens: 1, completionTokens: 1, costUsd: 0, latencyMs: 1 }, totals },
      { type: "selection", round: 0, alive: 6, evaluations: 30, plannedEvaluations: 240 },
    ];
    for (const e of events) progress.onEvent(e);
    progress.stop();
    expect(text).toContain("\u001b"); // drawn in place
    expect(text).toMatch(/select \|.*\| 30\/240 evals \| 6 alive \| 12 calls \(2 cached\), 340 tokens, \$0\.0123 \| ETA/);
  });
});
