/**
 * What a search will cost before it runs: planned calls, prompt and completion tokens and dollars
 * per role. The prompts are rendered as the search will render them (the proposal prompts from the
 * seeded demo subsets, the eval prompts of every eval and test example with an instruction of
 * typical length), and the number of evaluations comes from the selector's plan
 * (`maxEvaluations`, e.g. multistage's schedule; the evaluation budget for the others). No model
 * is called.
 *
 * It is an upper bound in two ways: every proposal is counted as distinct (duplicates are scored
 * once), and every resampling round is counted (a round that does not improve ends the search).
 * Tokens are counted with the model's tiktoken encoding where it is known, cl100k_base otherwise.
 */
import { loadTask } from "../task/index.js";
import type { Task } from "../task/types.js";
import { countTokens, encodingFor } from "../model/tokens.js";
import { DEFAULT_PRICES, costOf, priceKnown, priceOf } from "../model/prices.js";
import { DEFAULT_MODEL, parseSpec, formatSpec } from "../model/spec.js";
import type { ModelSpec } from "../model/types.js";
import { DEFAULT_SELECTOR, resolve, type Resolved, type SearchOptions } from "../options.js";
import { createSelector } from "../select/index.js";
import { plannedEvaluations } from "../select/plan.js";
import { eachExample, proposalPrompts, typicalInstruction, type RoleCounter } from "./prompts.js";
import { PROPOSERS } from "../propose/index.js";
import { MAX_INSTRUCTION_TOKENS } from "../propose/sample.js";

/** The planned use of one role's model. */
export interface RoleEstimate {
  /** The model spec, e.g. `vllm:Qwen/Qwen2.5-7B-Instruct`. */
  readonly model: string;
  /** Calls as the budget counts them: one per prompt (batching sends several per request). */
  readonly calls: number;
  readonly promptTokens: number;
  /** Typical completion tokens (proposals and answers of typical length). */
  readonly completionTokens: number;
  /** Most completion tokens (every sample up to its `maxTokens`); what the budget reserves. */
  readonly maxCompletionTokens: number;
  readonly costUsd: number;
  /** False for an `openai:` model missing from the price table: its cost is not known (counted as 0). */
  readonly priceKnown: boolean;
  /** Tokenizer used to count: the model's own tiktoken encoding, or the cl100k_base approximation. */
  readonly encoding: string;
  readonly exactTokens: boolean;
}

/** The planned cost of a search. */
export interface Estimate {
  readonly proposer: RoleEstimate;
  readonly target: RoleEstimate;
  readonly total: { readonly calls: number; readonly promptTokens: number; readonly completionTokens: number; readonly costUsd: number };
  /** Candidates planned in the first pool (before de-duplication). */
  readonly candidates: number;
  /** (candidate, example) evaluations planned, test split included. */
  readonly evaluations: number;
  readonly rounds: number;
}

/** What is known once the first pool is proposed: its distinct instructions and what proposing cost. */
export interface ProposedPool {
  readonly instructions: readonly string[];
  readonly spent: { readonly calls: number; readonly promptTokens: number; readonly completionTokens: number };
}

/** Estimate a search from its options (loads the task file if given a path). */
export async function estimate(options: SearchOptions): Promise<Estimate> {
  const task = typeof options.task === "string" ? await loadTask(options.task) : options.task;
  return estimatePlan(task, options, resolve(options));
}

/**
 * Estimate a search whose task is loaded and options resolved (what `search()` reports at start).
 * With `proposed`, the pool is known (what `search()` reports once it has proposed): its size, its
 * instructions' mean length in the eval prompts, and the proposals' real cost.
 */
export function estimatePlan(task: Task, options: SearchOptions, r: Resolved, proposed?: ProposedPool): Estimate {
  const proposerSpec = parseSpec(options.proposer ?? options.model ?? DEFAULT_MODEL, options.baseUrls);
  const targetSpec = parseSpec(options.target ?? options.model ?? DEFAULT_MODEL, options.baseUrls);
  const selector = typeof options.selector === "object" ? options.selector : createSelector(options.selector ?? DEFAULT_SELECTOR);
  const proposer = counter(proposerSpec);
  const target = counter(targetSpec);
  const instruction = typicalInstruction(task);
  const instructionTokens = countTokens(proposerSpec.model, ` ${instruction}`);
  // Eval prompts are rendered with the typical instruction; once the pool is known, `extra` makes
  // up for its instructions' mean length.
  const extra = proposed ? meanTokens(proposed.instructions, targetSpec.model, countTokens(targetSpec.model, ` ${instruction}`)) : 0;

  // Proposals: one request per demo subset and mode, `perSubset` samples each.
  const proposals = proposalPrompts(task, r);
  if (proposed) {
    const { calls, promptTokens, completionTokens } = proposed.spent;
    proposer.add(calls, promptTokens, completionTokens, completionTokens);
  } else {
    for (const p of proposals.prompts)
      proposer.add(1, countTokens(proposerSpec.model, p), proposals.perSubset * (instructionTokens + 1), proposals.perSubset * MAX_INSTRUCTION_TOKENS);
  }
  const pool = proposed ? proposed.instructions.length : proposals.candidates;

  // Selection over the first pool, then each round's variants (parents keep their scores).
  const evalSplit = task.splits.eval;
  let evaluations = plannedEvaluations(selector, pool, evalSplit.length, options.evalBudget);
  for (let round = 1; round <= r.rounds; round++) {
    const parents = Math.min(r.topK, pool);
    const variationTokens = countTokens(
      proposerSpec.model,
      PROPOSERS.resample.prompts({ task, demos: r.demos, seed: r.seed }, { round, subsets: 0, each: r.variants, parents: [instruction] }).join(""),
    );
    proposer.add(parents, parents * variationTokens, parents * r.variants * (instructionTokens + 1), parents * r.variants * MAX_INSTRUCTION_TOKENS);
    const fresh = parents * r.variants;
    const planned = plannedEvaluations(selector, parents + fresh, evalSplit.length, options.evalBudget);
    evaluations += Math.round((planned * fresh) / (parents + fresh));
  }
  const finalists = Math.min(2, pool) + task.references.length;
  const demos = proposals.evalDemos;
  const perEval = eachExample(task, evalSplit, instruction, demos, r.scorer, targetSpec.model);
  target.add(
    evaluations * perEval.calls,
    evaluations * (perEval.promptTokens + perEval.calls * extra),
    evaluations * perEval.completionTokens,
    evaluations * perEval.maxCompletionTokens,
  );
  const testSplit = task.splits.test;
  const perTest = eachExample(task, testSplit, instruction, demos, r.scorer, targetSpec.model);
  const tests = finalists * testSplit.length;
  target.add(
    tests * perTest.calls,
    tests * (perTest.promptTokens + perTest.calls * extra),
    tests * perTest.completionTokens,
    tests * perTest.maxCompletionTokens,
  );

  const p = proposer.result(options);
  const t = target.result(options);
  return {
    proposer: p,
    target: t,
    total: {
      calls: p.calls + t.calls,
      promptTokens: p.promptTokens + t.promptTokens,
      completionTokens: p.completionTokens + t.completionTokens,
      costUsd: p.costUsd + t.costUsd,
    },
    candidates: pool,
    evaluations: evaluations + tests,
    rounds: r.rounds,
  };
}

/** How many tokens the instructions have on average more than `than` (0 for none). */
function meanTokens(instructions: readonly string[], model: string, than: number): number {
  if (instructions.length === 0) return 0;
  return instructions.reduce((sum, text) => sum + countTokens(model, ` ${text}`), 0) / instructions.length - than;
}

function counter(spec: ModelSpec): RoleCounter & { result(options: SearchOptions): RoleEstimate } {
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
    result(options) {
      const price = priceOf(spec, options.prices ?? DEFAULT_PRICES);
      const encoding = encodingFor(spec.model);
      return {
        model: formatSpec(spec),
        calls: Math.round(calls),
        promptTokens: Math.round(prompt),
        completionTokens: Math.round(completion),
        maxCompletionTokens: Math.round(maxCompletion),
        costUsd: costOf(price, prompt, completion),
        priceKnown: priceKnown(spec, options.prices ?? DEFAULT_PRICES),
        encoding: encoding.name,
        exactTokens: encoding.exact,
      };
    },
  };
}
