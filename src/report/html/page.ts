/**
 * The HTML report of a run: one self-contained file (inline CSS and SVG, no script, no fonts or
 * images from the network) with the run's settings and totals, five charts, the leaderboard and
 * the winner's answers, and the lineage of refined candidates.
 */
import type { StoreReader } from "../../store/store.js";
import { HUMAN_MARK, markReference, tieSentence } from "../honest.js";
import { fmtInterval } from "../../stats/interval.js";
import { readRunView, fate, type CandidateView, type RunView } from "../run-view.js";
import { duration, when } from "../run-text.js";
import { fmtScore } from "../../text/table.js";
import { answersSection } from "./answers.js";
import { esc } from "./escape.js";
import { lineageSection } from "./lineage-view.js";
import { lineageTree, readLineage } from "../lineage.js";
import { costFigure, finalsFigure, roundsFigure, stagesFigure, workFigure, COLORS, type Figure } from "./report-charts.js";

/** The report of run `idOrPrefix` as one HTML document. */
export function renderReport(store: StoreReader, idOrPrefix: string, generatedAt = new Date()): string {
  const view = readRunView(store, idOrPrefix);
  const evaluations = store.evaluations(view.run.id);
  const calls = store.callTimings(view.run.id);
  const figures = [stagesFigure(view), roundsFigure(view), workFigure(view, evaluations, calls), costFigure(view, calls), finalsFigure(view)];
  const rows = view.candidates.map((c) => c.row);
  const lineage = readLineage(store, view.run.id, rows);
  return page(view, figures, answersSection(store, view), lineageSection(lineageTree(lineage, rows), lineage, rows[0]?.id), generatedAt);
}

const CSS = `
:root { color-scheme: light; --ink: #1d2228; --muted: #5b6570; --line: #d9dee3; --bg: #fbfbfa; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
h1 { font-size: 1.5rem; margin: 0 0 4px; } h2 { font-size: 1.15rem; margin: 28px 0 6px; }
.sub { color: var(--muted); margin: 0 0 16px; }
.status { display: inline-block; padding: 1px 8px; border-radius: 10px; background: #e6eef5; font-size: .85rem; }
.status.done { background: #dff0d8; } .status.failed { background: #f8d7da; } .status.budget, .status.cancelled, .status.running, .status.stopped { background: #fcf3cf; }
dl.facts { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 2px 16px; margin: 0; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
.winner { border-left: 4px solid ${COLORS.winner}; padding: 8px 14px; background: #fff; margin: 16px 0; }
.winner q { font-size: 1.1rem; }
figure { margin: 18px 0; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
figure h2 { margin: 0 0 2px; } figcaption { color: var(--muted); font-size: .9rem; margin-bottom: 6px; }
svg { width: 100%; height: auto; display: block; }
svg .grid { stroke: #eceff2; } svg .value.inside { fill: #fff; font-weight: 600; } svg .tick, svg .value { font-size: 11px; fill: var(--muted); } svg .axis { font-size: 12px; fill: var(--ink); }
svg .empty { font-size: 14px; fill: var(--muted); } svg .dot:hover, svg .bar:hover { opacity: .7; }
.legend span { display: inline-block; margin-right: 14px; font-size: .85rem; } .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.top td { background: #fdf2f0; }
pre { background: #fff; border: 1px solid var(--line); padding: 8px 12px; white-space: pre-wrap; }
ul.lineage, ul.lineage ul { list-style: none; padding-left: 18px; border-left: 1px solid var(--line); } ul.lineage { padding-left: 4px; border: 0; }
ul.lineage li { margin: 6px 0; font-size: .9rem; } ul.lineage i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
footer { color: var(--muted); font-size: .8rem; margin-top: 28px; }
`;

/** The start of a report's HTML document up to `<body>`: inline style, nothing loaded from anywhere. */
export function documentHead(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>`;
}

function page(view: RunView, figures: readonly Figure[], answers: string, lineage: string, generatedAt: Date): string {
  const { run } = view;
  const winner = view.candidates[0];
  const title = `ape report: ${run.task} (run ${run.id})`;
  const tie = tieSentence(view.candidates.map((c) => ({ id: c.row.id, score: c.row.score, evalCount: c.row.eval_count })));
  return `${documentHead(title)}
<body>
<h1>${esc(run.task)} <span class="status ${esc(view.status)}">${esc(view.status)}</span></h1>
<p class="sub">run ${esc(run.id)} · ${esc(when(run.created_at))} · ${esc(duration(run.created_at, run.updated_at))}</p>
${winner ? `<div class="winner"><strong>${run.best_candidate_id === null ? "Leading so far (unfinished)" : "Winner"}</strong>${winner.equalsReference ? ` <strong>${esc(HUMAN_MARK)}</strong>` : ""} (candidate ${winner.row.id}, eval ${fmtScore(winner.row.score)} ${fmtInterval(winner.evalInterval)}${winner.row.test_count > 0 ? `, test ${fmtScore(winner.row.test_score)} ${fmtInterval(winner.testInterval)}` : ""}):<br><q>${esc(winner.row.text)}</q></div>` : "<p>No candidates yet.</p>"}
${tie ? `<p>${esc(tie)}</p>` : ""}
${run.error ? `<p><strong>Stopped:</strong> ${esc(run.error)}</p>` : ""}
${facts(view)}
<p class="legend">${legend()}</p>
${figures.map(figure).join("\n")}
<h2>Candidates</h2>
${candidateTable(view.candidates, true)}
${view.references.length > 0 ? `<h2>Human references</h2>\n${candidateTable(view.references, false)}` : ""}
${answers}
${lineage}
<footer>Generated by ape on ${esc(when(generatedAt.toISOString()))} from ${esc(run.task_file)}. Why a candidate ranked where it did: <code>ape show ${esc(run.id)} --candidate ID</code>.</footer>
</body>
</html>
`;
}

function facts(view: RunView): string {
  const r = view.run;
  const rows: [string, string][] = [
    ["proposer", r.proposer],
    ["target", r.target],
    ["scorer", r.scorer],
    ["selector", r.selector],
    ["seed", String(r.seed)],
    ["candidates", String(view.candidates.length)],
    ["evaluations", String(view.evaluations)],
    ["calls", `${r.calls} (+${r.cached_calls} cached)`],
    ["tokens", `${r.prompt_tokens + r.completion_tokens} (${r.prompt_tokens} prompt, ${r.completion_tokens} completion)`],
    ["cost", `$${r.cost_usd.toFixed(4)}`],
  ];
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join("")}</dl>`;
}

/** The legend of the origin colours. */
export function legend(): string {
  const items: [string, string][] = [
    ["winner", COLORS.winner],
    ["forward", COLORS.forward],
    ["reverse", COLORS.reverse],
    ["resample", COLORS.resample],
    ["reflect", COLORS.reflect],
    ["merge", COLORS.merge],
    ["reference", COLORS.reference],
  ];
  return items.map(([name, color]) => `<span><i style="background:${color}"></i>${name}</span>`).join("");
}

function figure(f: Figure): string {
  return `<figure id="${f.id}" class="chart"><h2>${esc(f.title)}</h2><figcaption>${esc(f.caption)}</figcaption>${f.svg}</figure>`;
}

/** The candidates (ranked, with their eval and test scores) or the references (test scores) as an HTML table. */
export function candidateTable(rows: readonly CandidateView[], ranked: boolean): string {
  const head = ranked
    ? `<tr><th class="num">rank</th><th class="num">id</th><th class="num">eval</th><th class="num">95% CI</th><th class="num">n</th><th class="num">test</th><th class="num">95% CI</th><th class="num">n</th><th>origin</th><th>fate</th><th>instruction</th></tr>`
    : `<tr><th class="num">id</th><th class="num">test</th><th class="num">95% CI</th><th class="num">n</th><th>instruction</th></tr>`;
  const body = rows
    .map((c, i) => {
      const r = c.row;
      if (!ranked)
        return `<tr><td class="num">${r.id}</td><td class="num">${fmtScore(r.test_score)}</td><td class="num">${fmtInterval(c.testInterval)}</td><td class="num">${r.test_count}</td><td>${esc(r.text)}</td></tr>`;
      const test = r.test_count > 0;
      return `<tr${i === 0 ? ' class="top"' : ""}><td class="num">${r.rank ?? i + 1}</td><td class="num">${r.id}</td><td class="num">${fmtScore(r.score)}</td><td class="num">${fmtInterval(c.evalInterval)}</td><td class="num">${r.eval_count}</td><td class="num">${fmtScore(r.test_score)}</td><td class="num">${test ? fmtInterval(c.testInterval) : ""}</td><td class="num">${test ? r.test_count : ""}</td><td>${esc(markReference(r.origin + (r.round > 0 ? ` r${r.round}` : ""), c.equalsReference))}</td><td>${esc(fate(r))}</td><td>${esc(r.text)}</td></tr>`;
    })
    .join("\n");
  return `<table><thead>${head}</thead><tbody>\n${body}\n</tbody></table>`;
}
