/**
 * Turning suite events into progress on stderr, on the same channels as a search's: a live bar
 * over the tasks on a terminal, plain lines otherwise, one JSON object per line, or nothing.
 */
import type { SuiteCounts, SuiteEvent } from "../suite/events.js";
import { terminalText } from "../text/terminal-text.js";
import type { Output, TextOutput } from "./context.js";
import { describeTotals, fmtEta, jsonEvent, liveBar, type ProgressMode } from "./progress.js";

/** A suite event sink plus a way to stop drawing. */
export interface SuiteProgress {
  readonly onEvent: (event: SuiteEvent) => void;
  stop(): void;
}

/** Build the suite's progress display for `stderr` (the bar draws on `stderr.exact`: its escape codes are its own). */
export function createSuiteProgress(stderr: TextOutput, mode: ProgressMode, now: () => number = Date.now): SuiteProgress {
  if (mode === "none") return { onEvent: () => {}, stop: () => {} };
  if (mode === "json") return jsonProgress(stderr, now);
  if (mode === "auto" && stderr.isTTY === true) return barProgress(stderr.exact);
  return plainProgress(stderr);
}

/** Tasks done, running and left, calls, cost and ETA, in words. */
export function describeCounts(c: SuiteCounts): string {
  const stopped = c.stopped > 0 ? `, ${c.stopped} stopped` : "";
  return `${c.done} done, ${c.running} running, ${c.left} left${stopped}; ${describeTotals(c.totals)}; ETA ${fmtEta(c.etaSeconds)}`;
}

/**
 * One JSON object per line with `time` added; a task's own events carry `task` and `index` beside
 * the search event's fields. Counts are written when a task starts or ends, and at most once a
 * second while calls go on.
 */
function jsonProgress(stderr: Output, now: () => number): SuiteProgress {
  let last = { at: 0, key: "" };
  const line = (value: Record<string, unknown>): void => void stderr.write(`${JSON.stringify(value)}\n`);
  return {
    onEvent(e) {
      const time = new Date(now()).toISOString();
      if (e.type === "task") line({ ...jsonEvent(e.event, new Date(now())), task: e.task, index: e.index });
      else if (e.type === "suite-progress") {
        const key = `${e.counts.done}/${e.counts.running}/${e.counts.left}/${e.counts.stopped}`;
        if (key === last.key && now() - last.at < 1000) return;
        last = { at: now(), key };
        line({ ...e, time });
      } else if (e.type === "suite-done")
        line({
          type: "suite-done",
          suiteId: e.result.suiteId,
          status: e.result.status,
          iqm: e.result.iqm,
          record: e.result.record,
          totals: e.result.totals,
          time,
        });
      else line({ ...e, time });
    },
    stop() {},
  };
}

/** Plain lines: the suite's start, each task's start and end with the counts, and the end. */
function plainProgress(stderr: Output): SuiteProgress {
  let counts: SuiteCounts | undefined;
  return {
    onEvent(e) {
      switch (e.type) {
        case "suite-start":
          counts = e.counts;
          stderr.write(`suite ${e.suiteId}${e.resumed ? " (resumed)" : ""}: ${e.tasks} tasks${e.counts.done > 0 ? `, ${e.counts.done} done before` : ""}\n`);
          break;
        case "task":
          if (e.event.type === "start") stderr.write(`  ${e.task}: run ${e.event.runId}${e.event.resumed ? " (resumed)" : ""} started\n`);
          if (e.event.type === "notice") stderr.write(`  ${e.task}: note: ${e.event.message}\n`);
          break;
        case "suite-progress":
          counts = e.counts;
          break;
        case "task-end":
          stderr.write(`  ${e.task}: ${e.status}${e.error ? ` (${e.error.split("\n")[0] ?? ""})` : ""}${counts ? `; ${describeCounts(counts)}` : ""}\n`);
          break;
        case "download":
          break;
        case "suite-done":
          stderr.write(`done: suite ${e.result.suiteId} (${e.result.status}), ${describeTotals(e.result.totals)}\n`);
          break;
      }
    },
    stop() {},
  };
}

/** A live bar over the tasks: done of all, running, left, calls, tokens, cost, ETA. */
function barProgress(stderr: Output): SuiteProgress {
  const bar = liveBar(stderr, "suite |{bar}| {value}/{total} tasks | {running} running, {left} left | {totals} | ETA {remaining}");
  let started = false;
  const show = (c: SuiteCounts, total: number): void => {
    const payload = { running: c.running, left: c.left, totals: describeTotals(c.totals), remaining: fmtEta(c.etaSeconds) };
    if (!started) {
      bar.start(total, c.done, payload);
      started = true;
    } else bar.update(c.done, payload);
  };
  let total = 1;
  return {
    onEvent(e) {
      if (e.type === "suite-start") {
        total = e.tasks;
        show(e.counts, total);
      } else if (e.type === "suite-progress") show(e.counts, total);
      else if (e.type === "task" && e.event.type === "notice") {
        // A line written under a live bar would be garbled: stop the bar, say it, let the next update redraw.
        if (started) bar.stop();
        started = false;
        stderr.write(`${terminalText(`${e.task}: note: ${e.event.message}`)}\n`);
      }
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
