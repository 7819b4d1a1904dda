/**
 * Turning search events into progress on stderr: a live bar (cli-progress) on a terminal, one
 * JSON object per line with `--progress json`, a few plain lines otherwise, or nothing.
 */
import cliProgress from "cli-progress";
import type { SearchEvent, Totals } from "../events.js";
import type { Output } from "./context.js";

/** How progress is shown. */
export const PROGRESS_MODES = ["auto", "json", "plain", "none"] as const;
/** One progress mode (`auto`: a bar on a terminal, plain lines otherwise). */
export type ProgressMode = (typeof PROGRESS_MODES)[number];

/** An event sink plus a way to stop drawing. */
export interface Progress {
  readonly onEvent: (event: SearchEvent) => void;
  stop(): void;
}

/** Build the progress display for `stderr`. */
export function createProgress(stderr: Output, mode: ProgressMode): Progress {
  if (mode === "none") return { onEvent: () => {}, stop: () => {} };
  if (mode === "json") return { onEvent: (e) => void stderr.write(`${JSON.stringify(jsonEvent(e))}\n`), stop: () => {} };
  if (mode === "auto" && stderr.isTTY) return barProgress(stderr);
  return plainProgress(stderr);
}

function jsonEvent(e: SearchEvent): unknown {
  // The final result goes to stdout (or is returned); on stderr the done event carries the id only.
  return e.type === "done" ? { type: "done", runId: e.result.runId, status: e.result.status } : e;
}

function describeTotals(t: Totals): string {
  const cost = t.costUsd > 0 ? ` $${t.costUsd.toFixed(4)}` : "";
  return `${t.calls} calls (${t.cachedCalls} cached), ${t.promptTokens + t.completionTokens} tokens${cost}`;
}

function plainProgress(stderr: Output): Progress {
  return {
    onEvent(e) {
      if (e.type === "start") stderr.write(`run ${e.runId}${e.resumed ? " (resumed)" : ""}: ${e.task}\n`);
      else if (e.type === "stage") stderr.write(`stage: ${e.stage}${e.round > 0 ? ` (round ${e.round})` : ""}\n`);
      else if (e.type === "proposals") stderr.write(`  ${e.added} new candidates, ${e.pool} in the pool\n`);
      else if (e.type === "round") stderr.write(`  round ${e.round}: best ${e.best.toFixed(3)}${e.improved ? "" : " (no improvement)"}\n`);
    },
    stop() {},
  };
}

function barProgress(stderr: Output): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream: stderr as unknown as NodeJS.WritableStream,
      format: "{stage} |{bar}| {value}/{total} evals | {alive} alive | {totals} | ETA {eta_formatted}",
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let payload = { stage: "probe", alive: 0, totals: "0 calls" };
  const update = (value?: number, total?: number): void => {
    if (!started) {
      bar.start(total ?? 1, value ?? 0, payload);
      started = true;
      return;
    }
    if (total !== undefined) bar.setTotal(total);
    if (value !== undefined) bar.update(value, payload);
    else bar.update(payload);
  };
  return {
    onEvent(e) {
      if (e.type === "stage") {
        payload = { ...payload, stage: e.round > 0 ? `${e.stage} r${e.round}` : e.stage };
        update();
      } else if (e.type === "selection") {
        payload = { ...payload, alive: e.alive };
        update(e.evaluations, e.plannedEvaluations);
      } else if (e.type === "call") {
        payload = { ...payload, totals: describeTotals(e.totals) };
        update();
      }
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
