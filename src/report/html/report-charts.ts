/**
 * The report's charts, each from what the store holds: scores per selection stage, the best score
 * per resampling round, evaluations and calls over time, cost over time, and the winner against
 * the human references on the test split.
 */
import { equalsReference } from "../../human-references.js";
import { HUMAN_MARK, markReference } from "../honest.js";
import type { CallTiming } from "../../store/calls.js";
import type { EvaluationRow } from "../../store/rows.js";
import type { CandidateView, RunView } from "../run-view.js";
import { barChart, emptyChart, lineChart, type Point, type Series } from "./charts.js";

/** One chart with its id, heading and a sentence on how to read it. */
export interface Figure {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly svg: string;
}

/** Colours by origin; the winner stands out. */
export const COLORS = {
  winner: "#c0392b",
  forward: "#2c7bb6",
  reverse: "#7b3294",
  resample: "#e08214",
  reflect: "#1b9e77",
  merge: "#8c6d31",
  reference: "#4d9221",
} as const;

const colorOf = (c: CandidateView, winnerId: number | undefined): string => (c.row.id === winnerId ? COLORS.winner : COLORS[c.row.origin]);

/** The y domain of scores: [0, 1] for proportions, the data's range (padded) otherwise. */
function scoreDomain(values: readonly number[]): [number, number] {
  if (values.length === 0 || values.every((v) => v >= 0 && v <= 1)) return [0, 1];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo) * 0.1 || 0.5;
  return [lo - pad, hi <= 0 ? Math.min(0, hi + pad) : hi + pad];
}

/** Score of every candidate after every selection stage, round by round. */
export function stagesFigure(view: RunView): Figure {
  const keys = [...new Set(view.candidates.flatMap((c) => c.history.map((h) => h.round * 1000 + h.stage)))].sort((a, b) => a - b);
  const categories = keys.map((k) => `r${Math.floor(k / 1000)} s${k % 1000}`);
  const winnerId = view.candidates[0]?.row.id;
  const series: Series[] = view.candidates
    .filter((c) => c.history.length > 0)
    .map((c) => ({
      name: `#${c.row.id} (${c.row.origin}): ${c.row.text}`,
      color: colorOf(c, winnerId),
      width: c.row.id === winnerId ? 3 : 1.5,
      points: c.history.map(
        (h): Point => ({
          x: keys.indexOf(h.round * 1000 + h.stage),
          y: h.mean,
          title: `#${c.row.id} round ${h.round} stage ${h.stage}: ${h.mean.toFixed(3)} on ${h.count} examples — ${c.row.text}`,
        }),
      ),
    }))
    .reverse(); // the winner last, drawn on top
  const svg =
    series.length === 0
      ? emptyChart("scores per stage", "no selection stage finished yet")
      : lineChart({
          label: "score of every candidate per selection stage",
          xLabel: "resampling round (r) and selection stage (s)",
          yLabel: "running mean score",
          xDomain: [-0.3, Math.max(0, keys.length - 1) + 0.3],
          yDomain: scoreDomain(series.flatMap((s) => s.points.map((p) => p.y))),
          xCategories: categories,
          series,
        });
  return {
    id: "chart-stages",
    title: "Score of every candidate per selection stage",
    caption: "Each line is one candidate's running mean on the eval examples it was given so far; lines stop where a candidate was dropped. The winner is red.",
    svg,
  };
}

/** The best running mean at the last stage of each round. */
export function roundsFigure(view: RunView): Figure {
  const byRound = new Map<number, { mean: number; stage: number; c: CandidateView }>();
  for (const c of view.candidates) {
    for (const h of c.history) {
      const cur = byRound.get(h.round);
      if (!cur || h.stage > cur.stage || (h.stage === cur.stage && h.mean > cur.mean)) byRound.set(h.round, { mean: h.mean, stage: h.stage, c });
    }
  }
  const rounds = [...byRound.entries()].sort((a, b) => a[0] - b[0]);
  const svg =
    rounds.length === 0
      ? emptyChart("best score per round", "no selection finished yet")
      : barChart({
          label: "best score per resampling round",
          xLabel: "resampling round (0 = the initial proposals)",
          yLabel: "best mean score",
          yDomain: scoreDomain(rounds.map(([, b]) => b.mean)),
          bars: rounds.map(([round, b]) => ({
            label: `round ${round}`,
            value: b.mean,
            color: round === 0 ? COLORS.forward : COLORS.resample,
            title: `round ${round}: best ${b.mean.toFixed(3)} by #${b.c.row.id} — ${b.c.row.text}`,
          })),
        });
  return {
    id: "chart-rounds",
    title: "Best score per resampling round",
    caption: "The best running mean among the candidates that reached the last selection stage of each round.",
    svg,
  };
}

/** Seconds since `start` of an ISO time. */
const since = (start: number, iso: string): number => Math.max(0, (Date.parse(iso) - start) / 1000);

/** At most `max` points, always keeping the last. */
function thin<T>(items: readonly T[], max = 300): T[] {
  if (items.length <= max) return [...items];
  const step = Math.ceil(items.length / max);
  return items.filter((_, i) => i % step === 0 || i === items.length - 1);
}

/** Cumulative evaluations and model calls against time since the run started. */
export function workFigure(view: RunView, evaluations: readonly EvaluationRow[], calls: readonly CallTiming[]): Figure {
  const start = Date.parse(view.run.created_at);
  const evalPoints = thin(
    evaluations.map(
      (e, i): Point => ({ x: since(start, e.created_at), y: i + 1, title: `${i + 1} evaluations at ${since(start, e.created_at).toFixed(1)} s` }),
    ),
  );
  const callPoints = thin(
    calls.map((c, i): Point => ({ x: since(start, c.created_at), y: i + 1, title: `${i + 1} calls at ${since(start, c.created_at).toFixed(1)} s` })),
  );
  const all = [...evalPoints, ...callPoints];
  const svg =
    all.length === 0
      ? emptyChart("evaluations over time", "nothing recorded yet")
      : lineChart({
          label: "evaluations and calls over time",
          xLabel: "seconds since the run started",
          yLabel: "count so far",
          xDomain: [0, Math.max(...all.map((p) => p.x))],
          yDomain: [0, Math.max(...all.map((p) => p.y))],
          series: [
            { name: "evaluations", color: COLORS.forward, points: evalPoints, width: 2, dots: evalPoints.length < 60 },
            { name: "model calls (cached included)", color: COLORS.resample, points: callPoints, width: 2, dots: callPoints.length < 60 },
          ].filter((s) => s.points.length > 0),
        });
  return {
    id: "chart-work",
    title: "Evaluations and calls over time",
    caption: "Cumulative (candidate, example) evaluations (blue) and model calls (orange).",
    svg,
  };
}

/** Cumulative cost (or tokens, when nothing had a price) against time. */
export function costFigure(view: RunView, calls: readonly CallTiming[]): Figure {
  const start = Date.parse(view.run.created_at);
  const priced = calls.some((c) => c.cost_usd > 0);
  let sum = 0;
  const points = thin(
    calls.map((c): Point => {
      sum += priced ? c.cost_usd : c.prompt_tokens + c.completion_tokens;
      const t = since(start, c.created_at);
      return { x: t, y: sum, title: priced ? `$${sum.toFixed(4)} at ${t.toFixed(1)} s` : `${sum} tokens at ${t.toFixed(1)} s` };
    }),
  );
  const what = priced ? "cost so far (USD)" : "tokens so far (no call had a price)";
  const svg =
    points.length === 0
      ? emptyChart("cost over time", "no model calls recorded")
      : lineChart({
          label: "cost over time",
          xLabel: "seconds since the run started",
          yLabel: what,
          xDomain: [0, Math.max(...points.map((p) => p.x))],
          yDomain: [0, Math.max(...points.map((p) => p.y))],
          series: [{ name: what, color: COLORS.winner, points, width: 2, dots: points.length < 60 }],
        });
  return {
    id: "chart-cost",
    title: priced ? "Cost over time" : "Tokens over time",
    caption: priced
      ? "Cumulative cost of the model calls (cached calls are free)."
      : "Every call was free (a local model, or no price known), so this shows tokens instead.",
    svg,
  };
}

/**
 * Test-split scores of the finalists beside the human references, with 95% intervals. A winner
 * that is itself a human reference is marked so, and is set beside the other references (never
 * beside its own row under another name).
 */
export function finalsFigure(view: RunView): Figure {
  const winner = view.candidates[0];
  const winnerId = winner?.row.id;
  const others = view.references.filter((r) => r.row.id !== winnerId && !(winner?.equalsReference && equalsReference(r.row.text, [winner.row.text])));
  const finalists = [...view.candidates.filter((c) => c.row.test_count > 0), ...others.filter((r) => r.row.test_count > 0)];
  const svg =
    finalists.length === 0
      ? emptyChart("winner versus references", "no test scores (the task has no test split, or the run did not finish)")
      : barChart({
          label: "winner versus references on the test split",
          xLabel: "instruction",
          yLabel: "test score",
          yDomain: scoreDomain(finalists.flatMap((c) => [c.row.test_score ?? 0, c.testInterval?.low ?? 0, c.testInterval?.high ?? 0])),
          bars: finalists.map((c) => {
            const role =
              c.row.id === winnerId ? markReference("winner", c.equalsReference) : c.row.origin === "reference" ? "reference" : `rank ${c.row.rank ?? "?"}`;
            return {
              label: `${role} #${c.row.id}`,
              value: c.row.test_score ?? 0,
              low: c.testInterval?.low,
              high: c.testInterval?.high,
              color: colorOf(c, winnerId),
              title: `${role} #${c.row.id}: ${(c.row.test_score ?? 0).toFixed(3)} on ${c.row.test_count} test examples — ${c.row.text}`,
            };
          }),
        });
  return {
    id: "chart-finals",
    title: "Winner versus references on the test split",
    caption: `Held-out test scores with 95% intervals: the winner (red; "${HUMAN_MARK}" when it is one of them), the runner-up, and the other human-written references (green).`,
    svg,
  };
}
