/**
 * A run's lineage as the views read it: each refined candidate's parents, with the eval examples
 * of each the proposer was shown, and each candidate's children; and the family tree of the run
 * (the candidates that have a parent or a child), each child under its first parent.
 */
import type { LineageReader, ParentLink } from "../store/lineage.js";
import type { CandidateRow } from "../store/rows.js";

/** The lineage of one run. */
export interface Lineage {
  /** A candidate's parents, first the main one (`candidates.parent_id`). */
  parentsOf(id: number): readonly ParentLink[];
  /** The candidates made from `id`, oldest first. */
  childrenOf(id: number): readonly number[];
}

/** One node of the family tree: a candidate and the children under it. */
export interface LineageNode {
  readonly row: CandidateRow;
  /** Its parents other than the one it is listed under (a merge's second parent). */
  readonly alsoFrom: readonly number[];
  readonly children: readonly LineageNode[];
}

/**
 * The lineage of run `runId`. Runs stored before the lineage table (schema 7) have only
 * `candidates.parent_id`, read as one parent with nothing shown.
 */
export function readLineage(store: LineageReader, runId: string, rows: readonly CandidateRow[]): Lineage {
  const parents = new Map<number, ParentLink[]>();
  for (const e of store.lineage(runId)) parents.set(e.candidateId, [...(parents.get(e.candidateId) ?? []), { parentId: e.parentId, shown: e.shown }]);
  for (const r of rows) if (r.parent_id !== null && !parents.has(r.id)) parents.set(r.id, [{ parentId: r.parent_id, shown: [] }]);
  const children = new Map<number, number[]>();
  for (const [child, links] of [...parents].sort(([a], [b]) => a - b))
    for (const l of links) children.set(l.parentId, [...(children.get(l.parentId) ?? []), child]);
  return { parentsOf: (id) => parents.get(id) ?? [], childrenOf: (id) => children.get(id) ?? [] };
}

/** The family trees of `rows`: roots are candidates with children and no parent; each child is listed under its first parent. */
export function lineageTree(lineage: Lineage, rows: readonly CandidateRow[]): LineageNode[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const node = (row: CandidateRow): LineageNode => {
    const own = lineage.childrenOf(row.id).filter((c) => lineage.parentsOf(c)[0]?.parentId === row.id);
    return {
      row,
      alsoFrom: lineage
        .parentsOf(row.id)
        .slice(1)
        .map((l) => l.parentId),
      children: own.flatMap((c) => {
        const child = byId.get(c);
        return child ? [node(child)] : [];
      }),
    };
  };
  return [...rows]
    .sort((a, b) => a.id - b.id)
    .filter((r) => lineage.parentsOf(r.id).length === 0 && lineage.childrenOf(r.id).length > 0)
    .map(node);
}

/** Which of `link`'s shown examples the parent failed and got right, by id, as one line ("failed 3, 7; right 1"). */
export function shownText(link: Pick<ParentLink, "shown">): string {
  const failed = link.shown.filter((s) => s.failed).map((s) => s.example);
  const right = link.shown.filter((s) => !s.failed).map((s) => s.example);
  const parts = [failed.length > 0 ? `failed ${failed.join(", ")}` : "", right.length > 0 ? `right ${right.join(", ")}` : ""].filter((p) => p !== "");
  return parts.length > 0 ? parts.join("; ") : "none";
}
