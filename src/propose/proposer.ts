/**
 * The Proposer seam, beside the Selector's: a strategy that writes candidate instructions. The
 * built-in ones (forward, reverse, resample, reflect, merge) register in `index.ts` as the selectors do; the flow
 * asks the seam, stores what comes back and scores it. A proposer never touches the store.
 */
import type { Gateway } from "../gateway/gateway.js";
import type { Capabilities, ModelRequest } from "../model/types.js";
import type { Example, Task } from "../task/types.js";
import type { Proposal } from "./proposal.js";

/** What the prompts of a run's proposals are made from. */
export interface PromptContext {
  readonly task: Task;
  /** Demos shown per subset. */
  readonly demos: number;
  readonly seed: number;
}

/** What every proposal of a run shares. */
export interface ProposalContext extends PromptContext {
  readonly proposer: Gateway;
}

/** What of a server's capabilities decides the shape of a proposal request: its route and fill path. */
export type Routes = Pick<Capabilities, "completions" | "fill">;

/** One eval example a parent was scored on: what reflection shows of it. */
export interface Graded {
  readonly example: Example;
  /** What the target answered (null where the scorer reads no answer, as log-probability does). */
  readonly output: string | null;
  readonly score: number;
  /** What the metric wrote of the answer, where it wrote anything. */
  readonly feedback?: string | undefined;
}

/** A candidate to refine, with the eval examples it was scored on (in the eval split's order). */
export interface Parent {
  readonly text: string;
  readonly graded: readonly Graded[];
}

/** One request for proposals. */
export interface ProposalAsk {
  /** 0 for the initial pool, then the refining round. */
  readonly round: number;
  /** Demo subsets the ask is spread over (proposers that show demos). */
  readonly subsets: number;
  /** Instructions asked for per demo subset, or per parent. */
  readonly each: number;
  /** Candidates to refine, best first (proposers that refine instructions); empty for the initial pool. */
  readonly parents: readonly Parent[];
}

/** A proposal strategy. */
export interface Proposer {
  /** The strategy's name, as runs record it in `candidates.origin`. */
  readonly name: string;
  /** Proposals for `ask` (before de-duplication); each remembers its origin, prompt, demos and parent. */
  propose(context: ProposalContext, ask: ProposalAsk): Promise<Proposal[]>;
  /**
   * Each request `propose` sends for `ask` to a proposer that has `routes`, made by the same
   * builders (what the estimate lists); none where `propose` would refuse (no fill path).
   */
  requests(context: PromptContext, ask: ProposalAsk, routes: Routes): ModelRequest[];
}
