/**
 * `ape show RUN --candidate ID` as text: why a candidate ranked where it did. Its origin and fill
 * path, the exact proposer prompt, its lineage (parents, the examples of each the proposer was
 * shown, children), its history through the selection stages and refining rounds, and its
 * outputs example by example, failures first.
 */
import type { CandidateDetail } from "./candidate-detail.js";
import { fmtInterval } from "../stats/interval.js";
import { fate } from "./run-view.js";
import { fmtScore, table } from "../text/table.js";
import { shownText } from "./lineage.js";
import { storedList } from "../narrow.js";

/** The text of one candidate, with at most `maxExamples` example rows. */
export function candidateText(d: CandidateDetail, maxExamples: number): string {
  const { row } = d.candidate;
  const out: string[] = [];
  const place = d.place === undefined ? "a human reference" : `rank ${row.rank ?? d.place} of ${d.view.candidates.length}`;
  out.push(`candidate ${row.id} of run ${d.view.run.id} (${d.view.run.task}): ${place}\n\n`);
  out.push(indent(row.text), "\n\n");
  out.push(`origin:     ${row.origin}${row.round > 0 ? ` (round ${row.round})` : ""}${row.fill_path ? `, fill path ${row.fill_path}` : ""}\n`);
  out.push(`eval:       ${fmtScore(row.score)} ${fmtInterval(d.candidate.evalInterval)} on ${row.eval_count} examples (${fate(row)})\n`);
  if (row.test_count > 0) out.push(`test:       ${fmtScore(row.test_score)} ${fmtInterval(d.candidate.testInterval)} on ${row.test_count} examples\n`);
  const demos = parseIds(row.demo_ids);
  if (demos.length > 0) out.push(`demos:      examples ${demos.join(", ")} were shown to the proposer\n`);
  for (const p of d.parents) {
    const about = p.view ? ` (${p.view.row.origin}${p.view.row.round > 0 ? ` r${p.view.row.round}` : ""}, eval ${fmtScore(p.view.row.score)})` : "";
    out.push(`parent:     candidate ${p.id}${about}${p.view ? ":" : ""}\n`);
    if (p.view) out.push(indent(p.view.row.text), "\n");
    if (p.shown.length > 0) out.push(`            its eval examples shown to the proposer: ${shownText(p)}\n`);
  }
  if (d.children.length > 0)
    out.push(`children:   ${d.children.map((c) => `${c.row.id} (${c.row.origin} r${c.row.round}, eval ${fmtScore(c.row.score)})`).join(", ")}\n`);

  if (d.candidate.history.length > 0) {
    out.push("\nhistory (running mean after each selection stage):\n");
    out.push(
      table(
        [
          { header: "round", align: "right" },
          { header: "stage", align: "right" },
          { header: "mean", align: "right" },
          { header: "n", align: "right" },
        ],
        d.candidate.history.map((h) => [String(h.round), String(h.stage), fmtScore(h.mean), String(h.count)]),
      ),
    );
  }
  if (row.proposer_prompt) out.push("\nproposer prompt (exact):\n", indent(row.proposer_prompt), "\n");

  const failures = d.outcomes.filter((o) => o.score < 1).length;
  out.push(`\noutputs: ${d.outcomes.length} scored, ${failures} below 1 (failures first)\n`);
  if (d.taskNote) out.push(`  ${d.taskNote}\n`);
  const shown = d.outcomes.slice(0, Math.max(0, maxExamples));
  if (shown.length > 0) {
    out.push(
      table(
        [
          { header: "split" },
          { header: "example" },
          { header: "score", align: "right" },
          { header: "input", max: 40 },
          { header: "expected", max: 30 },
          { header: "output", max: 40 },
        ],
        shown.map((o) => [o.split, o.exampleId, fmtScore(o.score), o.input ?? "?", o.expected?.join(" | ") ?? "?", o.output ?? "(none)"]),
      ),
    );
  }
  const said = shown.filter((o) => o.feedback !== null);
  if (said.length > 0) {
    out.push("\nfeedback (what the metric said of each output above):\n");
    for (const o of said) out.push(`  ${o.split} ${o.exampleId} (${fmtScore(o.score)}): ${o.feedback}\n`);
  }
  if (d.outcomes.length > shown.length) out.push(`… and ${d.outcomes.length - shown.length} more (--examples ${d.outcomes.length} shows all)\n`);
  return out.join("");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}

function parseIds(text: string | null): string[] {
  return storedList(text).map(String);
}
