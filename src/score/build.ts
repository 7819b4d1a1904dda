/** Choosing and building the scorer a run asked for. */
import type { Gateway } from "../model/gateway.js";
import type { Resolved } from "../options.js";
import { evalDemos } from "../task/demos.js";
import type { Task } from "../task/types.js";
import { execScorer } from "./exec.js";
import { logprobScorer } from "./logprob.js";
import type { Scorer } from "./scorer.js";

/** The run's scorer; the demos for `[full_DEMO]` in the eval template are one seeded subset. */
export async function buildScorer(task: Task, r: Resolved, target: Gateway): Promise<Scorer> {
  const demos = evalDemos(task, r.demos, r.seed);
  if (r.scorer === "logprob") return logprobScorer({ task, target, demos });
  await target.capabilities();
  return execScorer({ task, target, demos, seed: r.seed });
}
