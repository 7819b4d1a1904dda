/** An estimate as a small text table, for `ape estimate` and the line `ape search` shows first. */
import { table, type Column } from "../report/table.js";
import type { Estimate, RoleEstimate } from "./types.js";

const int = (n: number): string => Math.round(n).toLocaleString("en-US");
const usd = (n: number): string => (n === 0 ? "$0" : n < 0.01 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`);

/** The estimate as aligned text lines (no trailing newline); control characters in model names shown escaped. */
export function formatEstimate(e: Estimate): string {
  const columns: readonly Column[] = [
    { header: "role" },
    { header: "model" },
    ...["calls", "prompt tokens", "completion tokens", "cost"].map((header): Column => ({ header, align: "right" })),
  ];
  const unpriced = [e.proposer, e.target].filter((r) => !r.priceKnown).map((r) => r.model);
  const row = (role: string, r: Pick<RoleEstimate, "calls" | "promptTokens" | "completionTokens" | "costUsd">, model: string, known: boolean): string[] => [
    role,
    model,
    int(r.calls),
    int(r.promptTokens),
    int(r.completionTokens),
    known ? usd(r.costUsd) : "?",
  ];
  const rows = [
    row("proposer", e.proposer, e.proposer.model, e.proposer.priceKnown),
    row("target", e.target, e.target.model, e.target.priceKnown),
    row("total", e.total, "", unpriced.length === 0),
  ];
  const approx = [e.proposer, e.target].filter((r) => !r.exactTokens).map((r) => r.model);
  const notes = [
    `planned: ${int(e.candidates)} candidates, ${int(e.evaluations)} evaluations${e.rounds > 0 ? `, up to ${e.rounds} resampling round${e.rounds > 1 ? "s" : ""}` : ""}; at most ${int(e.proposer.maxCompletionTokens + e.target.maxCompletionTokens)} completion tokens`,
    approx.length > 0
      ? `tokens of ${[...new Set(approx)].join(", ")} counted with cl100k_base (an approximation of its tokenizer)`
      : "tokens counted with the models' own encodings",
    "an upper bound: duplicate proposals are scored once, and a round that does not improve ends the search",
    ...(unpriced.length > 0
      ? [
          `no price known for ${[...new Set(unpriced)].join(", ")}: give it with --prices FILE ({"model": {"input": USD per 1M tokens, "output": USD per 1M tokens}})`,
        ]
      : []),
  ];
  return `${table(columns, rows)}${notes.join("\n")}`;
}
