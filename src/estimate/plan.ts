/**
 * What a search will send, request by request, before it runs: made by the search's own builders
 * (the proposers' and the scorer's request builders, `initialAsk`, the selector's plan), so the
 * estimate and the search cannot drift.
 *
 * Where the plan knows the requests, it lists them once each: the proposal requests of the seeded
 * demo subsets and, once the pool is known and the selector scores everything (exhaustive, no
 * evaluation budget below the pool), every (candidate, eval example) and every (finalist or
 * reference, test example). Where it knows only how many, it lists each possible request with its
 * share: before proposals an instruction of typical length stands for every candidate, a selector
 * that stops early spreads its planned evaluations evenly over the (candidate, example) pairs, and
 * finalists not yet chosen are any of the pool.
 */
import type { Role } from "../gateway/call-recorder.js";
import { countTokens } from "../accounting/tokens.js";
import type { ModelRequest } from "../model/types.js";
import type { ResolvedSearch } from "../options/resolve-search.js";
import { initialAsk } from "../propose/propose.js";
import type { Parent, Routes } from "../propose/proposer.js";
import { refineAsks } from "../propose/refine.js";
import { scoreRequests } from "../score/build.js";
import { plannedEvaluations } from "../select/plan.js";
import { judgeRequest, TYPICAL_JUDGE_REPLY } from "../metrics/judge-prompt.js";
import { effectiveSpec } from "../metrics/resolve.js";
import { judgeOf } from "../metrics/spec.js";
import type { Example, Task } from "../task/types.js";

/** One request a search plans to send. */
export interface PlannedRequest {
  readonly role: Role;
  /** Where in the flow it is sent: the first pool's proposals, a resampling round, selection, or the test split. */
  readonly stage: "propose" | "resample" | "select" | "test";
  readonly call: ModelRequest;
  /**
   * How many times it is planned: 1 for a request the plan names; a share where the plan knows only
   * how many requests of its kind are sent (an instruction not yet proposed, an early stop).
   */
  readonly times: number;
  /** Completion tokens of typical length for all its samples (an instruction or the gold answer; 0 for log-probs). */
  readonly answerTokens: number;
}

/** A search's planned requests, with the counts they come from. */
export interface Plan {
  readonly requests: readonly PlannedRequest[];
  /** Candidates in the first pool (before de-duplication until the pool is known). */
  readonly candidates: number;
  /** (candidate, example) evaluations planned, test split included. */
  readonly evaluations: number;
}

/** What is known of the first pool once it is proposed. */
export interface KnownPool {
  /** Its distinct instructions. */
  readonly instructions: readonly string[];
  /** The finalists scored on the test split (the top two of the final ranking), once selection has chosen them. */
  readonly finalists?: readonly string[];
}

/** Routes assumed before the servers are probed: the completions route, and a native suffix for fill-ins. */
const ASSUMED_ROUTES: Routes = { completions: true, fill: ["suffix"] };

/** An instruction used when none is known: about as long as a typical proposal (13 tokens). */
export const TYPICAL_INSTRUCTION = "Read the input carefully and write the correct output for it.";

/** The instruction whose length stands for a candidate's: the task's first reference, or a typical one. */
export function typicalInstruction(task: Task): string {
  return task.references[0] ?? TYPICAL_INSTRUCTION;
}

/**
 * `count` parents of typical length, as a round refines them before any is known: each scored on
 * the whole eval split and failing `TYPICAL_FAILURES` of it (the answer an expected output's
 * length), each where the others are right, so that reflections and merges show about as many
 * examples as they usually do.
 */
function typicalParents(instruction: string, evalSplit: readonly Example[], count: number): Parent[] {
  return Array.from({ length: count }, (_, j) => ({
    text: instruction,
    graded: evalSplit.map((example, i) => ({
      example,
      output: example.outputs[0] ?? "",
      score: Math.floor(i / TYPICAL_FAILURES) === j ? 0 : 1,
    })),
  }));
}

/**
 * Failures a round's parent typically has to show: the parents are the best so far, and a
 * reflection of a seeded search on the simulator found 1.6 of them on average to show (of 4 allowed).
 */
const TYPICAL_FAILURES = 2;

/**
 * Every request a search with these options plans to send (refining rounds counted in full, as
 * if each improved). With `pool`, the first pool is known; `routes` are the servers' (assumed
 * until probed).
 */
export function plannedRequests(task: Task, search: ResolvedSearch, pool?: KnownPool, routes: Routes = ASSUMED_ROUTES): Plan {
  const { settings: r, selector } = search;
  const proposerModel = search.specs.proposer.model;
  const targetModel = search.specs.target.model;
  const context = { task, demos: r.demos, seed: r.seed };
  const typical = typicalInstruction(task);
  const sample = countTokens(proposerModel, ` ${typical}`) + 1;
  const requests: PlannedRequest[] = [];
  const propose = (stage: PlannedRequest["stage"], calls: readonly ModelRequest[]): void => {
    for (const call of calls) requests.push({ role: "proposer", stage, call, times: 1, answerTokens: call.kind === "logprobs" ? 0 : call.request.n * sample });
  };

  const proposers = search.proposers.initial;
  const ask = initialAsk(proposers.length, r);
  for (const p of proposers) propose("propose", p.requests(context, ask, routes));
  const candidates = pool ? pool.instructions.length : proposers.length * ask.subsets * ask.each;

  const build = scoreRequests(task, r, routes.completions);
  // A judge grades every answer once: asked about an answer as long as the gold one.
  const judge = r.scorer === "exec" ? judgeOf(effectiveSpec(task, search.metric)) : undefined;
  const verdict = countTokens(search.specs.judge.model, TYPICAL_JUDGE_REPLY);
  /** Score each of `instructions` on each of `examples`, `count` (candidate, example) evaluations in all. */
  const score = (stage: PlannedRequest["stage"], instructions: readonly string[], examples: readonly Example[], count: number): void => {
    if (count <= 0 || instructions.length === 0 || examples.length === 0) return;
    const times = count / (instructions.length * examples.length);
    for (const example of examples) {
      const gold = example.outputs[0] ?? "";
      const answer = countTokens(targetModel, ` ${gold}`);
      for (const instruction of instructions)
        for (const call of build({ instruction, example }))
          requests.push({ role: "target", stage, call, times, answerTokens: call.kind === "logprobs" ? 0 : answer });
      if (judge) {
        const call: ModelRequest = { kind: "generate", request: judgeRequest(judge.rubric, example, gold, r.seed, "chat") };
        requests.push({ role: "judge", stage, call, times: times * instructions.length, answerTokens: verdict });
      }
    }
  };

  // Selection over the first pool, then each round's variants (parents keep their scores).
  const evalSplit = task.splits.eval;
  const evaluated = pool ? pool.instructions : [typical];
  let evaluations = plannedEvaluations(selector, candidates, evalSplit.length, r.evalBudget, "typical");
  for (let round = 1; round <= r.rounds; round++) {
    const parents = Math.min(r.topK, candidates);
    const calls = refineAsks(r.refine, round, r.variants, typicalParents(typical, evalSplit, parents)).flatMap((a) =>
      a.proposer.requests(context, a.ask, routes),
    );
    propose("resample", calls);
    const fresh = calls.reduce((n, call) => n + (call.kind === "logprobs" ? 0 : call.request.n), 0);
    // The children race the best so far, already scored on the whole split (see `typicalEvaluations`).
    evaluations += plannedEvaluations(selector, fresh, evalSplit.length, r.evalBudget, "typical", true);
  }
  // Every round scores the same prompts (an instruction of the pool's length stands for a child):
  // listed once, at the evaluations of all rounds together.
  score("select", evaluated, evalSplit, evaluations);

  // The finalists and the references on the test split, each text once (a finalist that is also a
  // reference is one candidate of the run, scored once); finalists not yet chosen are any of the pool.
  const test = task.splits.test;
  const named = [...new Set([...(pool?.finalists ?? []), ...task.references])];
  const unnamed = pool?.finalists ? 0 : Math.min(2, candidates);
  score("test", evaluated, test, unnamed * test.length);
  score("test", named, test, named.length * test.length);
  return { requests, candidates, evaluations: evaluations + (unnamed + named.length) * test.length };
}
