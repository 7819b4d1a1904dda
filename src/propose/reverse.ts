/**
 * Reverse (fill-in) proposals: the evaluation-style template with the instruction left blank, the
 * text before the blank as prefix and the demos after it as suffix, filled by the proposer through
 * the best path its server has (native suffix or /infill, the family's FIM tokens, or a chat
 * instruction). Every proposal records the path used.
 */
import { CapabilityError } from "../errors.js";
import type { Gateway } from "../model/gateway.js";
import { deriveSeed } from "../random.js";
import { render, splitAt } from "../template.js";
import type { ProposalAsk, ProposalContext, PromptContext, Proposer } from "./proposer.js";
import type { Example, Task } from "../task/types.js";
import { demoSubsets, renderDemos } from "../task/demos.js";
import { cleanProposal, PROPOSAL_TEMPERATURE, type Proposal } from "./proposal.js";
import { MAX_INSTRUCTION_TOKENS } from "./sample.js";

/** Fill-in: `subsets × each` instructions, each filling the blank before a subset's demos. */
export const reverseProposer: Proposer = {
  name: "reverse",
  propose: (o, ask) => proposeReverse(o, ask),
  prompts: (o, ask) => reverseSubsets(o, ask).map((demos) => Object.values(blankAround(o.task, demos)).join("")),
};

function reverseSubsets(o: PromptContext, ask: ProposalAsk): Example[][] {
  return demoSubsets(o.task, ask.subsets, o.demos, o.seed, "reverse");
}

/** The text before and after the blank for one demo subset. */
function blankAround(task: Task, demos: readonly Example[]): { readonly prefix: string; readonly suffix: string } {
  const { before, after } = splitAt(task.templates.reverse, "APE");
  const full = renderDemos(task, demos);
  return { prefix: render(before, { full_DEMO: full }), suffix: render(after, { full_DEMO: full }) };
}

async function proposeReverse(o: ProposalContext, ask: ProposalAsk): Promise<Proposal[]> {
  const path = await fillPath(o.proposer);
  const subsets = reverseSubsets(o, ask);
  const results = await Promise.all(
    subsets.map(async (demos, i) => {
      const { prefix, suffix } = blankAround(o.task, demos);
      const generation = await o.proposer.fill(
        {
          prefix,
          suffix,
          path,
          n: ask.each,
          temperature: PROPOSAL_TEMPERATURE,
          maxTokens: MAX_INSTRUCTION_TOKENS,
          stop: ["\n"],
          seed: deriveSeed(o.seed, "reverse-sample", i),
        },
        `reverse:${i}`,
      );
      return generation.texts.map(
        (raw): Proposal => ({
          text: cleanProposal(raw),
          origin: "reverse",
          fillPath: path,
          demoIds: demos.map((d) => d.id),
          proposerPrompt: `${prefix}[APE]${suffix}`,
          round: 0,
        }),
      );
    }),
  );
  return results.flat();
}

async function fillPath(proposer: Gateway): Promise<NonNullable<Proposal["fillPath"]>> {
  const caps = await proposer.capabilities();
  const path = caps.fill[0];
  if (!path) {
    const e = caps.evidence;
    throw new CapabilityError(
      `the proposer can fill no blank (suffix: ${e.suffix ?? "no"}; infill: ${e.infill ?? "no"}; FIM: ${e.fim ?? "no"}; chat: ${e.chat ?? "no"}); use --mode forward.`,
    );
  }
  return path;
}
