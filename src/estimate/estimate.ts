/**
 * What a search will cost before it runs: planned calls, prompt and completion tokens and dollars
 * per role, added up from the requests the search will send (`plannedRequests`, built by the
 * search's own proposers and scorer: the proposal requests of the seeded demo subsets, the eval
 * prompts of every eval and test example, with an instruction of typical length until the pool is
 * known) and the number of evaluations the selector usually spends (`typicalEvaluations`, e.g.
 * multistage's race of 8.5 splits; the evaluation budget for strategies that spend all of it). No
 * model is called.
 *
 * Mostly an upper bound: every proposal is counted as distinct (duplicates are scored once), and
 * every refining round is counted (a round that does not improve ends the search); a race in a
 * pool where everyone scores alike spends more than usual, up to its cap.
 * Tokens are counted with the model's tiktoken encoding where it is known, cl100k_base otherwise,
 * as the budget counts them before each call (`requestTokens`).
 */
import { loadTask } from "../task/index.js";
import type { Task } from "../task/types.js";
import { encodingFor, requestTokens } from "../accounting/tokens.js";
import { costOf, priceKnown, priceOf, type PriceTable } from "../accounting/prices.js";
import { formatSpec } from "../model/spec.js";
import type { ModelSpec } from "../model/types.js";
import type { SearchOptions } from "../options/search-options.js";
import { type ResolvedSearch, resolveSearch } from "../options/resolve-search.js";
import { plannedRequests, type PlannedRequest } from "./plan.js";
import type { Estimate, RoleEstimate } from "./types.js";

/** What is known once the first pool is proposed: its distinct instructions and what proposing cost. */
export interface ProposedPool {
  readonly instructions: readonly string[];
  readonly spent: { readonly calls: number; readonly promptTokens: number; readonly completionTokens: number };
}

/** Estimate a search from its options (loads the task file if given a path). */
export async function estimate(options: SearchOptions): Promise<Estimate> {
  const task = typeof options.task === "string" ? await loadTask(options.task) : options.task;
  return estimatePlan(task, resolveSearch(options));
}

/**
 * Estimate a search whose task is loaded and options resolved (what `search()` reports at start):
 * the tokens of every planned request (`plannedRequests`), added up per role. With `proposed`, the
 * pool is known (what `search()` reports once it has proposed): its instructions are scored in the
 * eval prompts, and the proposals count at their real cost.
 */
export function estimatePlan(task: Task, search: ResolvedSearch, proposed?: ProposedPool): Estimate {
  const proposer = counter(search.specs.proposer);
  const target = counter(search.specs.target);
  const judge = counter(search.specs.judge);
  const plan = plannedRequests(task, search, proposed && { instructions: proposed.instructions });
  if (proposed) {
    const { calls, promptTokens, completionTokens } = proposed.spent;
    proposer.add(calls, promptTokens, completionTokens, completionTokens);
  }
  for (const planned of plan.requests) {
    if (proposed && planned.stage === "propose") continue;
    ({ proposer, target, judge })[planned.role].count(planned);
  }

  const p = proposer.result(search.prices);
  const t = target.result(search.prices);
  const judged = plan.requests.some((planned) => planned.role === "judge");
  const j = judged ? judge.result(search.prices) : undefined;
  const roles = [p, t, ...(j ? [j] : [])];
  const sum = (pick: (r: RoleEstimate) => number): number => roles.reduce((n, r) => n + pick(r), 0);
  return {
    proposer: p,
    target: t,
    ...(j ? { judge: j } : {}),
    total: {
      calls: sum((r) => r.calls),
      promptTokens: sum((r) => r.promptTokens),
      completionTokens: sum((r) => r.completionTokens),
      costUsd: sum((r) => r.costUsd),
    },
    candidates: plan.candidates,
    evaluations: plan.evaluations,
    rounds: search.settings.rounds,
  };
}

interface RoleCounter {
  add(calls: number, promptTokens: number, completionTokens: number, maxCompletionTokens: number): void;
  /** Add a planned request: its prompt and most completion tokens as the budget counts them, its typical answer. */
  count(planned: PlannedRequest): void;
  result(prices: PriceTable): RoleEstimate;
}

function counter(spec: ModelSpec): RoleCounter {
  let calls = 0;
  let prompt = 0;
  let completion = 0;
  let maxCompletion = 0;
  return {
    add(c, pt, ct, mct) {
      calls += c;
      prompt += pt;
      completion += ct;
      maxCompletion += mct;
    },
    count(planned) {
      const tokens = requestTokens(spec.model, planned.call);
      this.add(planned.times, planned.times * tokens.prompt, planned.times * planned.answerTokens, planned.times * tokens.completion);
    },
    result(prices) {
      const price = priceOf(spec, prices);
      const encoding = encodingFor(spec.model);
      return {
        model: formatSpec(spec),
        calls: Math.round(calls),
        promptTokens: Math.round(prompt),
        completionTokens: Math.round(completion),
        maxCompletionTokens: Math.round(maxCompletion),
        costUsd: costOf(price, prompt, completion),
        priceKnown: priceKnown(spec, prices),
        encoding: encoding.name,
        exactTokens: encoding.exact,
      };
    },
  };
}
