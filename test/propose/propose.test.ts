import { describe, expect, it } from "vitest";
import { initialProposers, PROPOSER_REGISTRY, type ProposalAsk, type Proposer, refineProposer } from "../../src/propose/index.js";
import { proposeInitial } from "../../src/propose/propose.js";
import type { Proposal } from "../../src/propose/proposal.js";
import type { ProposalContext } from "../../src/propose/proposer.js";

/** A proposer that records what it was asked and answers from a fixed list. */
function fake(name: "forward" | "reverse", texts: readonly string[]): Proposer & { asked: ProposalAsk[] } {
  const asked: ProposalAsk[] = [];
  return {
    name,
    asked,
    requests: () => [],
    propose: async (_context, ask): Promise<Proposal[]> => {
      asked.push(ask);
      return texts.map((text) => ({ text, origin: name, demoIds: [], proposerPrompt: "p", round: ask.round }));
    },
  };
}

const context = {} as ProposalContext;

describe("the proposer seam", () => {
  it("shares the ask among the mode's proposers and keeps the first of equal instructions", async () => {
    const a = fake("forward", ["Give the antonym.", "Say the opposite"]);
    const b = fake("reverse", ["give the antonym", "Repeat the word."]);
    const out = await proposeInitial([a, b], context, { candidates: 20, subsets: 5 });
    expect(a.asked).toEqual([{ round: 0, subsets: 5, each: 2, parents: [] }]);
    expect(b.asked).toEqual(a.asked);
    expect(out.map((p) => [p.origin, p.text])).toEqual([
      ["forward", "Give the antonym."],
      ["forward", "Say the opposite"],
      ["reverse", "Repeat the word."],
    ]);
  });

  it("registers forward, reverse, resample, reflect and merge; --mode picks the initial ones", () => {
    expect(PROPOSER_REGISTRY.map((e) => e.name)).toEqual(["forward", "reverse", "resample", "reflect", "merge"]);
    expect(refineProposer("reflect").name).toBe("reflect");
    expect(() => refineProposer("forward")).toThrow(/resample, reflect, merge/);
    expect(initialProposers("both").map((p) => p.name)).toEqual(["forward", "reverse"]);
    expect(initialProposers("reverse").map((p) => p.name)).toEqual(["reverse"]);
  });
});
