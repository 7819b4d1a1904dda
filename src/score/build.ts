/** Choosing and building the scorer a run asked for, and what it sends (for the estimate). */
import type { Gateway } from "../model/gateway.js";
import type { ModelRequest } from "../model/types.js";
import type { Resolved } from "../options.js";
import { evalDemos } from "../task/demos.js";
import type { Task } from "../task/types.js";
import { execRequest, execScorer } from "./exec.js";
import { logprobRequests, logprobScorer } from "./logprob.js";
import type { ScoreItem, Scorer } from "./scorer.js";

type ScoreSettings = Pick<Resolved, "scorer" | "demos" | "seed">;

/** The run's scorer; the demos for `[full_DEMO]` in the eval template are one seeded subset. */
export async function buildScorer(task: Task, r: ScoreSettings, target: Gateway): Promise<Scorer> {
  const demos = evalDemos(task, r.demos, r.seed);
  if (r.scorer === "logprob") return logprobScorer({ task, target, demos });
  await target.capabilities();
  return execScorer({ task, target, demos, seed: r.seed });
}

/**
 * What the run's scorer sends to score an item, made by the scorer's own request builders: one
 * answer request (on the completions route where the target has it, chat otherwise) or one
 * log-prob request per acceptable output.
 */
export function scoreRequests(task: Task, r: ScoreSettings, completions: boolean): (item: ScoreItem) => ModelRequest[] {
  const demos = evalDemos(task, r.demos, r.seed);
  if (r.scorer === "logprob") return (item) => logprobRequests(task, item, demos).map((request) => ({ kind: "logprobs", request }));
  const route = completions ? "completion" : "chat";
  return (item) => [{ kind: "generate", request: execRequest({ task, demos, seed: r.seed }, item, route) }];
}
