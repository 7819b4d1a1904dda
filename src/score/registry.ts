/**
 * The scorers' registry: each entry gives its name (`--scorer`), what it measures (for `--help`),
 * how to make it over the target's Gateway, and what it sends to score an item (made by the
 * scorer's own request builders, what the estimate lists). Scorers take no settings beyond the
 * run's, so a scorer's identity is its name (part of the run's identity as `scorer`). Adding a
 * scorer is its file and one entry here.
 */
import { CapabilityError } from "../errors.js";
import { option, say } from "../message.js";
import type { Gateway } from "../gateway/gateway.js";
import { formatSpec } from "../model/spec.js";
import type { Metric } from "../metrics/metric.js";
import type { ModelRequest } from "../model/types.js";
import { registryNames } from "../registry.js";
import type { Task } from "../task/types.js";
import { execRequest, execScorer } from "./exec.js";
import { logprobRequests, logprobScorer } from "./logprob.js";
import type { ScoreItem, Scorer } from "./scorer.js";

/** What every scorer of a run is made from. */
export interface ScorerContext {
  readonly task: Task;
  /** Rendered demos for templates that use `[full_DEMO]` (one seeded subset). */
  readonly demos: string;
  readonly seed: number;
  /** How the eval template is sent (see `targetFormat`). */
  readonly format: "chat" | "completion";
}

/** One scorer as the registry lists it. */
export interface ScorerEntry {
  readonly name: string;
  /** What it measures, in a few words (for `--help`). */
  readonly describe: string;
  /** The scorer, scoring through `target` (by `metric`, where it scores answers). */
  create(context: ScorerContext, target: Gateway, metric: Metric): Promise<Scorer>;
  /** What it sends to score `item` to a target that has (`completions`) or lacks the completions route. */
  requests(context: ScorerContext, item: ScoreItem, completions: boolean): ModelRequest[];
}

/** The registered scorers, the default first. */
export const SCORER_REGISTRY = [
  {
    name: "exec",
    describe: "execution accuracy",
    async create(context: ScorerContext, target: Gateway, metric: Metric): Promise<Scorer> {
      const caps = await target.capabilities();
      if (context.format === "chat" && !caps.chat) {
        throw new CapabilityError(
          say`${formatSpec(target.spec)} at ${target.spec.baseUrls[0] ?? "the in-process model"} has no chat route (${caps.evidence.chat ?? "the probe found none"}), which the chat format needs. Use ${option("targetFormat", "completion")} with an eval template of one text, or a server (or a gguf: model with a chat template) that has one.`,
        );
      }
      return execScorer({ ...context, target, metric });
    },
    requests: (context: ScorerContext, item: ScoreItem, completions: boolean): ModelRequest[] => [
      { kind: "generate", request: execRequest(context, item, completions) },
    ],
  },
  {
    name: "logprob",
    describe: "mean log P(answer)",
    create: async (context: ScorerContext, target: Gateway): Promise<Scorer> => logprobScorer({ ...context, target }),
    requests: (context: ScorerContext, item: ScoreItem): ModelRequest[] => logprobRequests(context, item).map((request) => ({ kind: "logprobs", request })),
  },
] as const satisfies readonly ScorerEntry[];

/** The registered scorers' names, the default first. */
export const SCORERS = registryNames(SCORER_REGISTRY);
/** Name of a registered scorer. */
export type ScorerName = (typeof SCORERS)[number];

/** The registered scorer `name` (a name the option table has checked). */
export function scorerEntry(name: ScorerName): ScorerEntry {
  return SCORER_REGISTRY.find((e) => e.name === name) ?? SCORER_REGISTRY[0];
}
