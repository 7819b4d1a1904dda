/**
 * Reverse (fill-in) proposals: the evaluation-style template with the instruction left blank, the
 * text before the blank as prefix and the demos after it as suffix, filled by the proposer through
 * the best path its server has (native suffix or /infill, the family's FIM tokens, or a chat
 * instruction). Every proposal records the path used.
 */
import { CapabilityError } from "../errors.js";
import type { Gateway } from "../gateway/gateway.js";
import type { FillPath, FillRequest } from "../model/types.js";
import { deriveSeed } from "../random.js";
import { render, splitAt } from "../template.js";
import type { ProposalAsk, ProposalContext, PromptContext, Proposer } from "./proposer.js";
import type { Example } from "../task/types.js";
import { demoSubsets, renderDemos } from "../task/demos.js";
import { cleanProposal, PROPOSAL_TEMPERATURE, type Proposal } from "./proposal.js";
import { MAX_INSTRUCTION_TOKENS } from "./sample.js";
import { option, say } from "../message.js";

/** Fill-in: `subsets × each` instructions, each filling the blank before a subset's demos. */
export const reverseProposer: Proposer = {
  name: "reverse",
  propose: (o, ask) => proposeReverse(o, ask),
  requests: (o, ask, routes) => {
    const path = routes.fill[0];
    return path ? reverseSubsets(o, ask).map((demos, i) => ({ kind: "fill", request: fillRequest(o, ask, demos, i, path) })) : [];
  },
};

function reverseSubsets(o: PromptContext, ask: ProposalAsk): Example[][] {
  return demoSubsets(o.task, ask.subsets, o.demos, o.seed, "reverse");
}

/** The request that fills the blank before demo subset `i` by `path`. */
function fillRequest(o: PromptContext, ask: ProposalAsk, demos: readonly Example[], i: number, path: FillPath): FillRequest {
  const { before, after } = splitAt(o.task.templates.reverse, "APE");
  const full = renderDemos(o.task, demos);
  return {
    prefix: render(before, { full_DEMO: full }),
    suffix: render(after, { full_DEMO: full }),
    path,
    n: ask.each,
    temperature: PROPOSAL_TEMPERATURE,
    maxTokens: MAX_INSTRUCTION_TOKENS,
    stop: ["\n"],
    seed: deriveSeed(o.seed, "reverse-sample", i),
  };
}

async function proposeReverse(o: ProposalContext, ask: ProposalAsk): Promise<Proposal[]> {
  const path = await fillPath(o.proposer);
  const subsets = reverseSubsets(o, ask);
  const results = await Promise.all(
    subsets.map(async (demos, i) => {
      const request = fillRequest(o, ask, demos, i, path);
      const generation = await o.proposer.fill(request, `reverse:${i}`);
      return generation.texts.map(
        (raw): Proposal => ({
          text: cleanProposal(raw),
          origin: "reverse",
          fillPath: path,
          demoIds: demos.map((d) => d.id),
          proposerPrompt: `${request.prefix}[APE]${request.suffix}`,
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
      say`the proposer can fill no blank (suffix: ${e.suffix ?? "no"}; infill: ${e.infill ?? "no"}; FIM: ${e.fim ?? "no"}; chat: ${e.chat ?? "no"}); use ${option("mode", "forward")}.`,
    );
  }
  return path;
}
