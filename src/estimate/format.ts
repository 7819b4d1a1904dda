/** An estimate as a small text table, for `ape estimate` and the line `ape search` shows first. */
import { table, type Column } from "../text/table.js";
import type { Estimate, EstimateTotal, RoleEstimate, SuiteEstimate } from "./types.js";

const int = (n: number): string => Math.round(n).toLocaleString("en-US");
const usd = (n: number): string => (n === 0 ? "$0" : n < 0.01 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`);

/** The estimate as aligned text lines (no trailing newline); control characters in model names shown escaped. */
export function formatEstimate(e: Estimate): string {
  const columns: readonly Column[] = [
    { header: "role" },
    { header: "model" },
    ...["calls", "prompt tokens", "completion tokens", "cost"].map((header): Column => ({ header, align: "right" })),
  ];
  const unpriced = unpricedModels([e]);
  const row = (role: string, r: Pick<RoleEstimate, "calls" | "promptTokens" | "completionTokens" | "costUsd">, model: string, known: boolean): string[] => [
    role,
    model,
    int(r.calls),
    int(r.promptTokens),
    int(r.completionTokens),
    known ? usd(r.costUsd) : "?",
  ];
  const rows = [...roles(e).map(([role, r]) => row(role, r, r.model, r.priceKnown)), row("total", e.total, "", unpriced.length === 0)];
  const most = roles(e).reduce((n, [, r]) => n + r.maxCompletionTokens, 0);
  const notes = [
    `planned: ${int(e.candidates)} candidates, ${int(e.evaluations)} evaluations${e.rounds > 0 ? `, up to ${e.rounds} refining round${e.rounds > 1 ? "s" : ""}` : ""}; at most ${int(most)} completion tokens`,
    ...modelNotes([e]),
  ];
  return `${table(columns, rows)}${notes.join("\n")}`;
}

/** A suite's estimate as text: one row per task, then the total that the suite's one budget must cover. */
export function formatSuiteEstimate(e: SuiteEstimate): string {
  const columns: readonly Column[] = [
    { header: "task" },
    ...["calls", "prompt tokens", "completion tokens", "evaluations", "cost"].map((header): Column => ({ header, align: "right" })),
  ];
  const estimates = e.tasks.map((t) => t.estimate);
  const known = unpricedModels(estimates).length === 0;
  const row = (task: string, t: EstimateTotal, evaluations: number): string[] => [
    task,
    int(t.calls),
    int(t.promptTokens),
    int(t.completionTokens),
    int(evaluations),
    known ? usd(t.costUsd) : "?",
  ];
  const rows = [
    ...e.tasks.map((t) => row(t.task, t.estimate.total, t.estimate.evaluations)),
    row(`total (${e.tasks.length} tasks)`, e.total, e.total.evaluations),
  ];
  return `${table(columns, rows)}${modelNotes(estimates).join("\n")}`;
}

/** The roles of an estimate with their use: the proposer, the target, and the judge where there is one. */
function roles(e: Estimate): [string, RoleEstimate][] {
  const all: [string, RoleEstimate][] = [
    ["proposer", e.proposer],
    ["target", e.target],
  ];
  if (e.judge) all.push(["judge", e.judge]);
  return all;
}

/** The models of `estimates` whose price is not known. */
function unpricedModels(estimates: readonly Estimate[]): string[] {
  return [
    ...new Set(
      estimates
        .flatMap((e) => roles(e).map(([, r]) => r))
        .filter((r) => !r.priceKnown)
        .map((r) => r.model),
    ),
  ];
}

/** What the figures of `estimates` rest on: how tokens were counted, that they are usually an upper bound, and prices missing. */
function modelNotes(estimates: readonly Estimate[]): string[] {
  const approx = [
    ...new Set(
      estimates
        .flatMap((e) => roles(e).map(([, r]) => r))
        .filter((r) => !r.exactTokens)
        .map((r) => r.model),
    ),
  ];
  const unpriced = unpricedModels(estimates);
  return [
    approx.length > 0
      ? `tokens of ${approx.join(", ")} counted with cl100k_base (an approximation of its tokenizer)`
      : "tokens counted with the models' own encodings",
    "usually an upper bound: duplicate proposals are scored once, and a round that does not improve ends the search; a race where every candidate scores alike can spend more (a budget caps it)",
    ...(unpriced.length > 0
      ? [`no price known for ${unpriced.join(", ")}: give it with --prices FILE ({"model": {"input": USD per 1M tokens, "output": USD per 1M tokens}})`]
      : []),
  ];
}
