/**
 * Everything about one candidate, to say why it ranked where it did: its row and intervals, its
 * lineage (parents, with the examples of each its proposer was shown, and children), its history,
 * and its per-example outputs joined with the task's inputs and expected outputs: those the store
 * keeps with the run, or (a file from before tasks were stored) those of the task file, when it is
 * still readable.
 */
import { UsageError } from "../errors.js";
import type { EvaluationRow, RunRow } from "../store/rows.js";
import type { StoreReader } from "../store/store.js";
import { loadTask } from "../task/index.js";
import type { Example } from "../task/types.js";
import { readRunView, type CandidateView, type RunView } from "./run-view.js";
import { messageOf } from "../caught.js";
import { storedTask } from "../task/stored-task.js";
import type { ShownExample } from "../store/lineage.js";
import { readLineage } from "./lineage.js";

/** One scored example of the candidate. */
export interface ExampleOutcome {
  readonly split: string;
  readonly exampleId: string;
  /** From the stored task (else the task file); undefined when neither has this id. */
  readonly input: string | undefined;
  readonly expected: readonly string[] | undefined;
  readonly output: string | null;
  readonly score: number;
  /** What the metric said of the output (a judge's reasons); null when it said nothing. */
  readonly feedback: string | null;
}

/** A candidate in full. */
export interface CandidateDetail {
  readonly view: RunView;
  readonly candidate: CandidateView;
  /** Its place among the run's ranked candidates (undefined for a reference). */
  readonly place: number | undefined;
  /** Its parents, first the main one; `view` is undefined for one no longer in the run. */
  readonly parents: readonly { readonly id: number; readonly view: CandidateView | undefined; readonly shown: readonly ShownExample[] }[];
  /** The candidates made from it. */
  readonly children: readonly CandidateView[];
  /** Per-example outcomes, failures (lowest score) first. */
  readonly outcomes: readonly ExampleOutcome[];
  /** Why inputs are missing, when the run has no stored task and its task file could not be read. */
  readonly taskNote: string | undefined;
}

/** Gather candidate `candidateId` of run `runId`; UsageError naming the run when it is not there. */
export async function readCandidateDetail(store: StoreReader, runId: string, candidateId: number): Promise<CandidateDetail> {
  const view = readRunView(store, runId);
  const all = [...view.candidates, ...view.references];
  const candidate = all.find((c) => c.row.id === candidateId);
  if (!candidate) {
    const ids = all.map((c) => c.row.id);
    const range = ids.length > 0 ? ` (its candidates are ${Math.min(...ids)}…${Math.max(...ids)})` : "";
    throw new UsageError(`run ${view.run.id} has no candidate ${candidateId}${range}; \`ape show ${view.run.id}\` lists them with their ids.`);
  }
  const place = view.candidates.indexOf(candidate);
  const lineage = readLineage(
    store,
    view.run.id,
    all.map((c) => c.row),
  );
  const byId = new Map(all.map((c) => [c.row.id, c]));
  const parents = lineage.parentsOf(candidateId).map((l) => ({ id: l.parentId, view: byId.get(l.parentId), shown: l.shown }));
  const children = lineage.childrenOf(candidateId).flatMap((id) => byId.get(id) ?? []);

  const { examples, taskNote } = await runExamples(store, view.run);
  const outcomes = exampleOutcomes(store.evaluations(view.run.id, candidate.row.id), examples);
  return { view, candidate, place: place >= 0 ? place + 1 : undefined, parents, children, outcomes, taskNote };
}

/** A candidate's evaluations beside their examples' inputs and expected outputs, failures (lowest score) first. */
export function exampleOutcomes(evaluations: readonly EvaluationRow[], examples: ReadonlyMap<string, Example>): ExampleOutcome[] {
  return evaluations
    .map((e): ExampleOutcome => {
      const ex = examples.get(e.example_id);
      // A file of schema 4 or older (read without migrating) has no feedback column.
      const feedback = e.feedback ?? null;
      return { split: e.split, exampleId: e.example_id, input: ex?.input, expected: ex?.outputs, output: e.output, score: e.score, feedback };
    })
    .sort((a, b) => a.score - b.score || splitOrder(a.split) - splitOrder(b.split));
}

/** The examples of `run` by id: the stored ones, else those of its task file (with why there are none, when it cannot be read). */
async function runExamples(store: StoreReader, run: RunRow): Promise<{ readonly examples: ReadonlyMap<string, Example>; readonly taskNote?: string }> {
  const stored = storedTask(store, run.id);
  if (stored) return { examples: new Map(stored.examples.map((e) => [e.id, e])) };
  try {
    const task = await loadTask(run.task_file);
    return { examples: new Map([...task.splits.demo, ...task.splits.eval, ...task.splits.test].map((e) => [e.id, e])) };
  } catch (error) {
    return { examples: new Map(), taskNote: `inputs not shown: the task file ${run.task_file} could not be read (${firstLine(error)})` };
  }
}

function splitOrder(split: string): number {
  return split === "eval" ? 0 : split === "test" ? 1 : 2;
}

function firstLine(error: unknown): string {
  const message = messageOf(error);
  return message.split("\n").slice(0, 2).join(" ").trim();
}

/** The detail as one JSON-ready object (`ape show RUN --candidate ID --json`). */
export function candidateJson(d: CandidateDetail): unknown {
  const { row, history, evalInterval, testInterval } = d.candidate;
  return {
    runId: d.view.run.id,
    place: d.place ?? null,
    candidate: { ...row, history, evalInterval: evalInterval ?? null, testInterval: testInterval ?? null },
    parent: d.parents[0]?.view?.row ?? null,
    parents: d.parents.map((p) => ({ id: p.id, origin: p.view?.row.origin ?? null, score: p.view?.row.score ?? null, shown: p.shown })),
    children: d.children.map((c) => c.row.id),
    outcomes: d.outcomes.map((o) => ({ ...o, input: o.input ?? null, expected: o.expected ?? null })),
    taskNote: d.taskNote ?? null,
  };
}
