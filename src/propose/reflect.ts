/**
 * Reflection (as GEPA and ProTeGi do it, our wording): show the proposer a parent instruction with
 * a sample of the eval examples it got wrong (input, expected output, what the target answered,
 * the metric's feedback) and of those it got right, and ask for an improved instruction. The reply
 * may hold several lines. Each child remembers its parent and the examples shown.
 */
import { createRng, deriveSeed } from "../random.js";
import { type ChildPrompt, childRequests, childrenOf } from "./children.js";
import { PROPOSAL_TEMPERATURE } from "./proposal.js";
import type { Graded, ProposalAsk, PromptContext, Proposer } from "./proposer.js";
import type { SampleSettings } from "./sample.js";
import { caseBlock, partition, pick, SHOWN_FAILURES, SHOWN_SUCCESSES, shownOf } from "./shown.js";

/** The prompt that asks for an improvement of `instruction` from its `failures` and `successes`. */
export function reflectPrompt(instruction: string, failures: readonly Graded[], successes: readonly Graded[]): string {
  const task = failures.length > 0 ? "gets the examples it got wrong right, and keeps those it got right" : "keeps getting examples like these right";
  return (
    `An assistant was given the instruction below, then each input, and its answers were scored against the expected outputs.\n\n` +
    `Instruction:\n${instruction}\n\n` +
    caseBlock("Examples it got wrong:", failures, true) +
    caseBlock("Examples it got right:", successes, false) +
    `Write an improved instruction for this task: one that ${task}. Say what the task asks in general and what to watch for; do not quote the examples. Reply with the instruction only.\n\n` +
    `Improved instruction:`
  );
}

/** Reflection: `each` improved instructions of every parent, from a sample of its failures and successes. */
export const reflectProposer: Proposer = {
  name: "reflect",
  propose: (o, ask) => childrenOf(o, reflections(o, ask), sampling(o, ask), "reflect", ask.round),
  requests: (o, ask, routes) => childRequests(reflections(o, ask), sampling(o, ask), routes.completions),
};

/** Each parent's prompt, showing a sample of its failures and successes. */
function reflections(o: PromptContext, ask: ProposalAsk): ChildPrompt[] {
  return ask.parents.map((parent, i) => {
    const rng = createRng(deriveSeed(o.seed, "reflect-shown", ask.round, i));
    const { failures, successes } = partition(parent.graded);
    const wrong = pick(failures, SHOWN_FAILURES, rng);
    const right = pick(successes, SHOWN_SUCCESSES, rng);
    return { prompt: reflectPrompt(parent.text, wrong, right), parents: [{ text: parent.text, shown: [...shownOf(wrong, true), ...shownOf(right, false)] }] };
  });
}

function sampling(o: PromptContext, ask: ProposalAsk): Omit<SampleSettings, "key"> {
  return { n: ask.each, temperature: PROPOSAL_TEMPERATURE, seed: (i) => deriveSeed(o.seed, "reflect", ask.round, i), shape: "reply" };
}
