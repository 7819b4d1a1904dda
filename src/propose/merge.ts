/**
 * Merging (GEPA's crossover, our wording): two parents from the Pareto front, each best on some
 * eval examples, with a sample of the examples each gets right where the other fails, and a
 * request for one instruction that does what both do well. It takes the first two parents of its
 * ask (the flow puts the pair there) and needs both; with fewer it asks for nothing.
 */
import { createRng, deriveSeed } from "../random.js";
import { type ChildPrompt, childRequests, childrenOf } from "./children.js";
import { PROPOSAL_TEMPERATURE } from "./proposal.js";
import type { Graded, Parent, ProposalAsk, PromptContext, Proposer } from "./proposer.js";
import type { SampleSettings } from "./sample.js";
import { caseBlock, partition, pick, SHOWN_FAILURES, shownOf } from "./shown.js";

/** Examples shown per side: what one parent gets right and the other wrong. */
const SHOWN_PER_SIDE = Math.ceil(SHOWN_FAILURES / 2) + 1;

/** The prompt that asks to combine `a` and `b`, showing where each beats the other. */
export function mergePrompt(a: string, b: string, onlyA: readonly Graded[], onlyB: readonly Graded[]): string {
  return (
    `Two instructions for the same task each get some examples right that the other gets wrong.\n\n` +
    `Instruction A:\n${a}\n\n` +
    `Instruction B:\n${b}\n\n` +
    caseBlock("Examples A gets right and B gets wrong:", onlyA, false) +
    caseBlock("Examples B gets right and A gets wrong:", onlyB, false) +
    `Write one instruction for this task that does what both do well. Reply with the instruction only.\n\n` +
    `Combined instruction:`
  );
}

/** Merging: `each` combinations of the ask's first two parents. */
export const mergeProposer: Proposer = {
  name: "merge",
  propose: (o, ask) => childrenOf(o, merges(o, ask), sampling(o, ask), "merge", ask.round),
  requests: (o, ask, routes) => childRequests(merges(o, ask), sampling(o, ask), routes.completions),
};

/** The pair's prompt, showing where each beats the other; none without two parents. */
function merges(o: PromptContext, ask: ProposalAsk): ChildPrompt[] {
  const [a, b] = ask.parents;
  if (a === undefined || b === undefined) return [];
  const rng = createRng(deriveSeed(o.seed, "merge-shown", ask.round));
  const onlyA = pick(beats(a, b), SHOWN_PER_SIDE, rng);
  const onlyB = pick(beats(b, a), SHOWN_PER_SIDE, rng);
  return [
    {
      prompt: mergePrompt(a.text, b.text, onlyA, onlyB),
      parents: [
        { text: a.text, shown: shownOf(onlyA, false) },
        { text: b.text, shown: shownOf(onlyB, false) },
      ],
    },
  ];
}

/** The examples `x` gets right (as `partition` says) and `y`, scored on them too, does not. */
function beats(x: Parent, y: Parent): Graded[] {
  const yFails = new Set(partition(y.graded).failures.map((g) => g.example.id));
  return partition(x.graded).successes.filter((g) => yFails.has(g.example.id));
}

function sampling(o: PromptContext, ask: ProposalAsk): Omit<SampleSettings, "key"> {
  return { n: ask.each, temperature: PROPOSAL_TEMPERATURE, seed: (i) => deriveSeed(o.seed, "merge", ask.round, i), shape: "reply" };
}
