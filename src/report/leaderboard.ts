/** The text a search prints: the ranked candidates, the references beside them, the run's totals. */
import type { SearchResult } from "../result.js";
import { markReference, tieSentence } from "./honest.js";
import { referencesTable } from "./references-table.js";
import { fmtScore, table } from "../text/table.js";

/** The leaderboard of a result, `limit` candidates at most. */
export function leaderboard(result: SearchResult, limit = 10): string {
  const shown = result.candidates.slice(0, limit);
  const out = [
    table(
      [
        { header: "rank", align: "right" },
        { header: "eval", align: "right" },
        { header: "n", align: "right" },
        { header: "test", align: "right" },
        { header: "origin" },
        { header: "instruction", max: 90 },
      ],
      shown.map((c) => [String(c.rank), fmtScore(c.score), String(c.evalCount), fmtScore(c.testScore), markReference(c.origin, c.equalsReference), c.text]),
    ),
  ];
  const tie = tieSentence(result.candidates.map((c) => ({ id: c.id, score: c.score, evalCount: c.evalCount })));
  if (tie) out.push(`${tie}\n`);
  if (result.candidates.length > shown.length) out.push(`… and ${result.candidates.length - shown.length} more (ape show ${result.runId})\n`);
  if (result.references.length > 0) out.push(referencesTable("references (human-written):", result.references, false));
  const t = result.totals;
  const cost = t.costUsd > 0 ? `, $${t.costUsd.toFixed(4)}` : "";
  out.push(
    `\nrun ${result.runId} (${result.status}): ${result.task}, ${result.target} scored by ${result.scorer}, ${t.evaluations} evaluations, ${t.calls} calls (${t.cachedCalls} cached), ${t.promptTokens + t.completionTokens} tokens${cost}\n`,
  );
  return out.join("");
}
