/**
 * Turning search events into progress on stderr: a live bar (cli-progress) on a terminal, one JSON
 * object per line with `--progress json`, plain lines otherwise (no escape codes, fit for CI logs
 * and pipes), or nothing. The library only emits events; this is the one place that draws them.
 */
import { terminalText } from "../text/terminal-text.js";
import cliProgress from "cli-progress";
import type { SearchEvent } from "../events.js";
import type { Totals } from "../result.js";
import type { Output, TextOutput } from "./context.js";

/** How progress is shown. */
export const PROGRESS_MODES = ["auto", "json", "plain", "none"] as const;
/** One progress mode (`auto`: a bar on a terminal, plain lines otherwise). */
export type ProgressMode = (typeof PROGRESS_MODES)[number];

/** Whether a progress mode shows the estimate before the work starts (the modes a person reads: `auto`, `plain`). */
export function showsEstimate(mode: ProgressMode): boolean {
  return mode === "auto" || mode === "plain";
}

/** An event sink plus a way to stop drawing. */
export interface Progress {
  readonly onEvent: (event: SearchEvent) => void;
  stop(): void;
}

/** Build the progress display for `stderr` (the bar draws on `stderr.exact`: its escape codes are its own). */
export function createProgress(stderr: TextOutput, mode: ProgressMode): Progress {
  if (mode === "none") return { onEvent: () => {}, stop: () => {} };
  if (mode === "json") return { onEvent: (e) => void stderr.write(`${JSON.stringify(jsonEvent(e))}\n`), stop: () => {} };
  if (mode === "auto" && stderr.isTTY === true) return barProgress(stderr.exact);
  return plainProgress(stderr);
}

/**
 * An event as one JSON line: the event itself with `time` (ISO) added; the final result goes to
 * stdout (or is returned), so on stderr the done event carries the run id, status and winner only.
 */
export function jsonEvent(e: SearchEvent, now = new Date()): Record<string, unknown> {
  const time = now.toISOString();
  if (e.type !== "done") return { ...e, time };
  const w = e.result.winner;
  return {
    type: "done",
    runId: e.result.runId,
    status: e.result.status,
    winner: w ? { id: w.id, text: w.text, score: w.score } : null,
    totals: e.result.totals,
    time,
  };
}

/** Calls, tokens and cost so far, in words. */
export function describeTotals(t: Totals): string {
  const cost = t.costUsd > 0 ? `, $${t.costUsd.toFixed(4)}` : "";
  return `${t.calls} calls (${t.cachedCalls} cached), ${t.promptTokens + t.completionTokens} tokens${cost}`;
}

const stageName = (stage: string, round: number): string => (round > 0 ? `${stage} (round ${round})` : stage);

/** Plain lines: each stage, each quarter of a selection, each round's best, and the end. */
function plainProgress(stderr: Output): Progress {
  let totals: Totals | undefined;
  let quarter = 0;
  let lastDownload = -1;
  return {
    onEvent(e) {
      switch (e.type) {
        case "start":
          stderr.write(`run ${e.runId}${e.resumed ? " (resumed)" : ""}: ${e.task}\n`);
          break;
        case "stage":
          quarter = 0;
          stderr.write(`stage: ${stageName(e.stage, e.round)}\n`);
          break;
        case "proposals":
          stderr.write(`  ${e.added} new candidates, ${e.pool} in the pool\n`);
          break;
        case "selection": {
          const q = e.plannedEvaluations > 0 ? Math.min(4, Math.floor((4 * e.evaluations) / e.plannedEvaluations)) : 0;
          if (q > quarter) {
            quarter = q;
            stderr.write(
              `  ${e.evaluations} evaluations (at most ${e.plannedEvaluations}), ${e.alive} candidates in play${totals ? `; ${describeTotals(totals)}` : ""}\n`,
            );
          }
          break;
        }
        case "call":
          totals = e.totals;
          break;
        case "notice":
          stderr.write(`note: ${e.message}\n`);
          break;
        case "round":
          stderr.write(`  round ${e.round}: best ${e.best.toFixed(3)}${e.improved ? "" : " (no improvement)"}${totals ? `; ${describeTotals(totals)}` : ""}\n`);
          break;
        case "download": {
          const pct = e.totalBytes > 0 ? Math.floor((100 * e.downloadedBytes) / e.totalBytes / 25) * 25 : 0;
          if (pct > lastDownload) {
            lastDownload = pct;
            stderr.write(`downloading ${e.uri}: ${pct}% of ${(e.totalBytes / 1e6).toFixed(0)} MB\n`);
          }
          break;
        }
        case "done":
          stderr.write(`done: run ${e.result.runId} (${e.result.status}), ${e.result.totals.evaluations} evaluations, ${describeTotals(e.result.totals)}\n`);
          break;
      }
    },
    stop() {},
  };
}

/** A cli-progress bar drawn on `stream` in `format`, redrawn at most 5 times a second, left on screen at the end. */
export function liveBar(stream: Output, format: string): cliProgress.SingleBar {
  return new cliProgress.SingleBar(
    { stream: stream as unknown as NodeJS.WritableStream, format, hideCursor: true, clearOnComplete: false, fps: 5 },
    cliProgress.Presets.shades_classic,
  );
}

/** Seconds as `1m05s` / `42s`, or `-` when unknown. */
export function fmtEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return "-";
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

/**
 * A live bar: stage, evaluations done/planned in the current selection, candidates alive, calls,
 * tokens, cost, and an ETA for the selection from its evaluation rate so far.
 */
function barProgress(stderr: Output, now: () => number = Date.now): Progress {
  const bar = liveBar(stderr, "{stage} |{bar}| {evals} | {alive} alive | {totals} | ETA {remaining}");
  let started = false;
  let payload = { stage: "probe", evals: "0 evals", alive: 0, totals: "0 calls", remaining: "-" };
  let selection: { since: number; done: number } | undefined;
  const update = (value: number, total: number): void => {
    if (!started) {
      bar.start(total, value, payload);
      started = true;
      return;
    }
    bar.setTotal(total);
    bar.update(value, payload);
  };
  let value = 0;
  let total = 1;
  return {
    onEvent(e) {
      if (e.type === "stage") {
        payload = { ...payload, stage: e.round > 0 ? `${e.stage} r${e.round}` : e.stage, remaining: "-" };
        selection = e.stage === "select" ? { since: now(), done: 0 } : undefined;
        value = 0;
        total = 1;
      } else if (e.type === "proposals") {
        payload = { ...payload, alive: e.pool };
      } else if (e.type === "selection") {
        const start = selection ?? { since: now(), done: 0 };
        selection = { since: start.since, done: e.evaluations };
        const elapsed = (now() - start.since) / 1000;
        const rate = elapsed > 0 ? e.evaluations / elapsed : 0;
        const eta = rate > 0 ? (e.plannedEvaluations - e.evaluations) / rate : undefined;
        payload = { ...payload, alive: e.alive, evals: `${e.evaluations}/${e.plannedEvaluations} evals`, remaining: fmtEta(eta) };
        value = e.evaluations;
        total = Math.max(1, e.plannedEvaluations);
      } else if (e.type === "call") {
        payload = { ...payload, totals: describeTotals(e.totals), ...(selection ? {} : { evals: `${e.totals.evaluations} evals` }) };
      } else if (e.type === "notice") {
        // A line written under a live bar would be garbled: stop the bar, say it, let the next update redraw.
        if (started) bar.stop();
        started = false;
        stderr.write(`note: ${terminalText(e.message)}\n`);
        return;
      } else if (e.type === "download") {
        payload = { ...payload, stage: "download", evals: `${(e.downloadedBytes / 1e6).toFixed(0)}/${(e.totalBytes / 1e6).toFixed(0)} MB` };
        value = e.downloadedBytes;
        total = Math.max(1, e.totalBytes);
      } else if (e.type === "done") {
        payload = { ...payload, stage: "done", evals: `${e.result.totals.evaluations} evals`, totals: describeTotals(e.result.totals), remaining: "0s" };
        value = total;
      } else return;
      update(value, total);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
