/**
 * The report's lineage view: every family of the run as a nested list, parent → child, each
 * candidate with its origin and round, its eval score, the examples of its parent its proposer
 * was shown (reflect, merge) and its instruction.
 */
import type { Lineage, LineageNode } from "../lineage.js";
import { shownText } from "../lineage.js";
import { fmtScore } from "../../text/table.js";
import { esc } from "./escape.js";
import { COLORS } from "./report-charts.js";

/** The lineage section of the report, or nothing when no candidate has a parent. */
export function lineageSection(trees: readonly LineageNode[], lineage: Lineage, winnerId: number | undefined): string {
  if (trees.length === 0) return "";
  return `<h2 id="lineage">Lineage</h2>
<p class="sub">Each refined candidate under the parent it was made from (a merge also names its second parent). "shown" lists the parent's eval examples its proposer saw: those the parent failed, and those it got right.</p>
<ul class="lineage">${trees.map((t) => item(t, lineage, winnerId)).join("")}</ul>`;
}

function item(node: LineageNode, lineage: Lineage, winnerId: number | undefined): string {
  const r = node.row;
  const from = lineage.parentsOf(r.id)[0];
  const color = r.id === winnerId ? COLORS.winner : COLORS[r.origin];
  const parts = [
    `<i style="background:${color}"></i><strong>#${r.id}</strong> ${esc(r.origin)}${r.round > 0 ? ` r${r.round}` : ""}`,
    `eval ${fmtScore(r.score)} on ${r.eval_count}`,
    ...(r.id === winnerId ? ["<strong>winner</strong>"] : []),
    ...(node.alsoFrom.length > 0 ? [`also from ${node.alsoFrom.map((id) => `#${id}`).join(", ")}`] : []),
    ...(from && from.shown.length > 0 ? [`shown: ${esc(shownText(from))}`] : []),
  ];
  const children = node.children.length > 0 ? `<ul>${node.children.map((c) => item(c, lineage, winnerId)).join("")}</ul>` : "";
  return `<li>${parts.join(" · ")}<br><q>${esc(r.text)}</q>${children}</li>`;
}
