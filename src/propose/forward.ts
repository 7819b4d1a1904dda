/**
 * Forward proposals (the APE paper's idea, our wording): show the proposer some demos and let it
 * continue the sentence where the instruction should be written.
 */
import { deriveSeed } from "../random.js";
import { render, splitAt } from "../template.js";
import { demoSubsets, renderDemos } from "../task/demos.js";
import { PROPOSAL_TEMPERATURE, type Proposal } from "./proposal.js";
import type { ProposalAsk, ProposalContext, PromptContext, Proposer } from "./proposer.js";
import type { Example, Task } from "../task/types.js";
import { type SampleSettings, sampleInstructions, sampleRequests } from "./sample.js";

/** Forward generation: `subsets × each` instructions, each continuing a prompt of demos. */
export const forwardProposer: Proposer = {
  name: "forward",
  propose: (o, ask) => proposeForward(o, ask),
  requests: (o, ask, routes) =>
    sampleRequests(forwardPrompts(o.task, forwardSubsets(o, ask), routes.completions), sampling(o, ask), routes.completions).map((request) => ({
      kind: "generate",
      request,
    })),
};

function forwardSubsets(o: PromptContext, ask: ProposalAsk): Example[][] {
  return demoSubsets(o.task, ask.subsets, o.demos, o.seed, "forward");
}

/** The forward prompt of each demo subset: the template up to where the instruction goes (asked as a chat turn without completions). */
function forwardPrompts(task: Task, subsets: readonly (readonly Example[])[], completions: boolean): string[] {
  return subsets.map((demos) => {
    const prefix = render(splitAt(task.templates.forward, "APE").before, { full_DEMO: renderDemos(task, demos) }).trimEnd();
    return completions ? prefix : `${prefix} …\n\nComplete the sentence: reply with only the rest of the instruction, on one line.`;
  });
}

function sampling(o: PromptContext, ask: ProposalAsk): Omit<SampleSettings, "key"> {
  return { n: ask.each, temperature: PROPOSAL_TEMPERATURE, seed: (i) => deriveSeed(o.seed, "forward-sample", i) };
}

async function proposeForward(o: ProposalContext, ask: ProposalAsk): Promise<Proposal[]> {
  const caps = await o.proposer.capabilities();
  const subsets = forwardSubsets(o, ask);
  const prompts = forwardPrompts(o.task, subsets, caps.completions);
  const texts = await sampleInstructions(o.proposer, prompts, { ...sampling(o, ask), key: (i) => `forward:${i}` });
  return subsets.flatMap((demos, i) =>
    (texts[i] ?? []).map((text) => ({
      text,
      origin: "forward" as const,
      demoIds: demos.map((d) => d.id),
      proposerPrompt: prompts[i] ?? "",
      round: 0,
    })),
  );
}
