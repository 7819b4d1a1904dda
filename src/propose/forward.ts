/**
 * Forward proposals (the APE paper's idea, our wording): show the proposer some demos and let it
 * continue the sentence where the instruction should be written.
 */
import type { Gateway } from "../model/gateway.js";
import { deriveSeed } from "../random.js";
import { render, splitAt } from "../template.js";
import type { Task } from "../task/types.js";
import { demoSubsets, renderDemos } from "./demos.js";
import type { Proposal } from "./proposal.js";
import { sampleInstructions } from "./sample.js";

/** Settings of a proposal step. */
export interface ProposeOptions {
  readonly task: Task;
  readonly proposer: Gateway;
  /** Number of demo subsets. */
  readonly subsets: number;
  /** Instructions asked for per subset. */
  readonly perSubset: number;
  /** Demos per subset. */
  readonly demos: number;
  readonly seed: number;
  /** Sampling temperature. @default 0.9 (as in APE) */
  readonly temperature?: number;
}

/** Ask for `subsets × perSubset` instructions by forward generation (before de-duplication). */
export async function proposeForward(o: ProposeOptions): Promise<Proposal[]> {
  const caps = await o.proposer.capabilities();
  const subsets = demoSubsets(o.task, o.subsets, o.demos, o.seed, "forward");
  const prompts = subsets.map((demos) => {
    const prefix = render(splitAt(o.task.templates.forward, "APE").before, { full_DEMO: renderDemos(o.task, demos) }).replace(/\s+$/, "");
    return caps.completions ? prefix : `${prefix} …\n\nComplete the sentence: reply with only the rest of the instruction, on one line.`;
  });
  const texts = await sampleInstructions(o.proposer, prompts, {
    n: o.perSubset,
    temperature: o.temperature,
    seed: (i) => deriveSeed(o.seed, "forward-sample", i),
    key: (i) => `forward:${i}`,
  });
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
