/**
 * `ape show RUN` as text: the run's settings and status, the leaderboard with 95% intervals, the
 * human references beside it on the test split, and the totals.
 */
import { markReference, tieSentence } from "./honest.js";
import { fmtInterval } from "../stats/interval.js";
import type { RunView } from "./run-view.js";
import { fate } from "./run-view.js";
import { referencesTable } from "./references-table.js";
import { fmtScore, table } from "../text/table.js";

/** The whole text of `ape show RUN`, `limit` candidates at most. */
export function runText(view: RunView, limit: number): string {
  const { run } = view;
  const shown = view.candidates.slice(0, Math.max(0, limit));
  const out: string[] = [];
  out.push(`run ${run.id} (${view.status}): task ${run.task} from ${run.task_file}\n`);
  const models = run.proposer === run.target ? run.target : `proposer ${run.proposer}, target ${run.target}`;
  out.push(`  ${models}; scorer ${run.scorer}, selector ${run.selector}, seed ${run.seed}\n`);
  out.push(`  started ${when(run.created_at)}, last update ${when(run.updated_at)} (${duration(run.created_at, run.updated_at)})\n`);
  if (run.error) out.push(`  stopped: ${run.error}\n`);
  if (view.status === "stopped")
    out.push(`  its process is gone (killed or crashed): \`ape resume ${run.id}\` continues it, paying again only for the calls that were in flight\n`);
  out.push("\n");
  if (shown.length === 0) out.push("no candidates yet.\n");
  else {
    out.push(
      table(
        [
          { header: "rank", align: "right" },
          { header: "id", align: "right" },
          { header: "eval", align: "right" },
          { header: "95% CI" },
          { header: "n", align: "right" },
          { header: "test", align: "right" },
          { header: "95% CI" },
          { header: "n", align: "right" },
          { header: "origin" },
          { header: "fate" },
          { header: "instruction", max: 70 },
        ],
        shown.map((c, i) => [
          String(c.row.rank ?? i + 1),
          String(c.row.id),
          fmtScore(c.row.score),
          fmtInterval(c.evalInterval),
          String(c.row.eval_count),
          fmtScore(c.row.test_score),
          c.row.test_count > 0 ? fmtInterval(c.testInterval) : "",
          c.row.test_count > 0 ? String(c.row.test_count) : "",
          markReference(c.row.origin + (c.row.round > 0 ? ` r${c.row.round}` : ""), c.equalsReference),
          fate(c.row),
          c.row.text,
        ]),
      ),
    );
    if (view.candidates.length > shown.length) out.push(`… and ${view.candidates.length - shown.length} more (--limit ${view.candidates.length} shows all)\n`);
    const tie = tieSentence(view.candidates.map((c) => ({ id: c.row.id, score: c.row.score, evalCount: c.row.eval_count })));
    if (tie) out.push(`${tie}\n`);
  }
  if (view.references.length > 0) {
    const lines = view.references.map((r) => ({
      id: r.row.id,
      testScore: r.row.test_score,
      testCount: r.row.test_count,
      text: r.row.origin === "reference" ? r.row.text : `${r.row.text} (also candidate ${r.row.id}, rank ${r.row.rank ?? "?"})`,
      testInterval: r.testInterval,
    }));
    out.push(referencesTable("references (human-written), on the same test split:", lines, true));
  }
  const tokens = run.prompt_tokens + run.completion_tokens;
  out.push(
    `\ntotals: ${view.evaluations} evaluations, ${run.calls} calls (${run.cached_calls} cached), ${tokens} tokens (${run.prompt_tokens} prompt, ${run.completion_tokens} completion), $${run.cost_usd.toFixed(4)}\n`,
  );
  // Only a finished selection has a winner; until then the order above is how far it got.
  const winner = run.best_candidate_id === null ? undefined : view.candidates[0];
  if (winner) out.push(`why candidate ${winner.row.id} won: ape show ${run.id} --candidate ${winner.row.id}\n`);
  return out.join("");
}

/** An ISO time as `YYYY-MM-DD HH:MM:SS` UTC. */
export function when(iso: string): string {
  return `${iso.replace("T", " ").slice(0, 19)} UTC`;
}

/** The time between two ISO times, in words. */
export function duration(from: string, to: string): string {
  const s = Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${s.toFixed(1)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}
