/**
 * The report's section on the task stored with the run: the eval template the target was shown,
 * and the winner's answers beside each input and expected output, failures first. Read from the
 * results file alone; a run stored before tasks were has no such section.
 */
import type { StoreReader } from "../../store/store.js";
import { templateText } from "../../template.js";
import { exampleOutcomes } from "../candidate-detail.js";
import type { RunView } from "../run-view.js";
import { fmtScore } from "../../text/table.js";
import { esc } from "./escape.js";
import { storedTask } from "../../task/stored-task.js";

/** Answers shown in the report at most (`ape show RUN --candidate ID --examples N` shows the rest). */
const SHOWN = 20;

/** The section for run `view`, or "" when the run has no stored task or no winner. */
export function answersSection(store: StoreReader, view: RunView): string {
  const task = storedTask(store, view.run.id);
  const winner = view.candidates[0];
  if (!task || !winner) return "";
  const outcomes = exampleOutcomes(store.evaluations(view.run.id, winner.row.id), new Map(task.examples.map((e) => [e.id, e])));
  const failures = outcomes.filter((o) => o.score < 1).length;
  const shown = outcomes.slice(0, SHOWN);
  // The metric's words on an answer (a judge's reasons, your metric's notes), where it gave some.
  const withFeedback = shown.some((o) => o.feedback !== null);
  const rows = shown
    .map(
      (o) =>
        `<tr><td>${esc(o.split)}</td><td>${esc(o.exampleId)}</td><td class="num">${fmtScore(o.score)}</td><td>${esc(o.input ?? "?")}</td><td>${esc(o.expected?.join(" | ") ?? "?")}</td><td>${esc(o.output ?? "(none)")}</td>${withFeedback ? `<td>${esc(o.feedback ?? "")}</td>` : ""}</tr>`,
    )
    .join("\n");
  const more =
    outcomes.length > SHOWN
      ? ` The first ${SHOWN}; <code>ape show ${esc(view.run.id)} --candidate ${winner.row.id} --examples ${outcomes.length}</code> shows all.`
      : "";
  return `<h2>The winner's answers</h2>
<p>${outcomes.length} scored, ${failures} below 1, failures first.${more} The target was shown this eval template:</p>
<pre>${esc(templateText(task.templates.eval))}</pre>
<table><thead><tr><th>split</th><th>example</th><th class="num">score</th><th>input</th><th>expected</th><th>output</th>${withFeedback ? "<th>feedback</th>" : ""}</tr></thead><tbody>
${rows}
</tbody></table>`;
}
