import { describe, expect, it } from "vitest";
import { createSuiteProgress } from "../../src/cli/suite-progress.js";
import { textOutput } from "../../src/cli/text-output.js";
import type { SuiteCounts, SuiteEvent } from "../../src/suite/events.js";

const totals = { calls: 40, cachedCalls: 5, promptTokens: 900, completionTokens: 100, costUsd: 0.25, evaluations: 60 };
const counts = (done: number, running: number, left: number, etaSeconds?: number): SuiteCounts => ({ done, running, left, stopped: 0, totals, etaSeconds });
const EVENTS: SuiteEvent[] = [
  { type: "suite-start", suiteId: "s1", tasks: 3, resumed: true, counts: counts(1, 0, 2), estimate: { tasks: [], total: { ...totals, costUsd: 1 } } },
  { type: "suite-progress", counts: counts(1, 1, 1) },
  { type: "task", task: "b\u001b[2J", index: 1, event: { type: "start", runId: "r2", task: "b", resumed: false } },
  { type: "suite-progress", counts: counts(1, 1, 1) },
  { type: "suite-progress", counts: counts(2, 0, 1, 75) },
  { type: "task-end", task: "b\u001b[2J", index: 1, runId: "r2", status: "done", error: undefined },
];

function capture(isTTY: boolean): { out: ReturnType<typeof textOutput>; text: () => string } {
  let text = "";
  // A terminal 160 columns wide, so the bar is not cut.
  const terminal = {
    isTTY,
    columns: 160,
    write: (t: string) => {
      text += t;
      return true;
    },
  };
  return { out: textOutput(terminal), text: () => text };
}

describe("suite progress", () => {
  it("plain: the suite's start, each task's start and end with tasks done/running/left, calls, cost and ETA; task names escaped", () => {
    const c = capture(false);
    const p = createSuiteProgress(c.out, "plain");
    for (const e of EVENTS) p.onEvent(e);
    expect(c.text()).toBe(
      "suite s1 (resumed): 3 tasks, 1 done before\n" +
        "  b\\u001b[2J: run r2 started\n" +
        "  b\\u001b[2J: done; 2 done, 0 running, 1 left; 40 calls (5 cached), 1000 tokens, $0.2500; ETA 1m15s\n",
    );
  });

  it("json: one object per line, a task's events with its name and index, unchanged counts written at most once a second", () => {
    const c = capture(false);
    const p = createSuiteProgress(c.out, "json", () => 1_000);
    for (const e of EVENTS) p.onEvent(e);
    const lines = c
      .text()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; task?: string; index?: number; counts?: SuiteCounts });
    expect(lines.map((l) => l.type)).toEqual(["suite-start", "suite-progress", "start", "suite-progress", "task-end"]);
    expect(lines[2]).toMatchObject({ type: "start", runId: "r2", task: "b\u001b[2J", index: 1 });
    expect(lines[3]?.counts).toMatchObject({ done: 2, running: 0, left: 1 });
  });

  it("on a terminal: a live bar of tasks done of all, running, left, calls, cost and ETA", () => {
    const c = capture(true);
    const p = createSuiteProgress(c.out, "auto");
    for (const e of EVENTS) p.onEvent(e);
    p.stop();
    expect(c.text()).toContain("\u001b");
    expect(c.text()).toMatch(/suite \|.*\| 2\/3 tasks \| 0 running, 1 left \| 40 calls \(5 cached\), 1000 tokens, \$0\.2500 \| ETA 1m15s/);
  });
});
