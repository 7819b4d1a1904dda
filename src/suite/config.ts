/**
 * The stored config of a suite (`suites.config`): the search settings every task shares, and the
 * tasks with the config hash each one's run has; and the suite's hash, by which rerunning the same
 * command finds the suite to continue.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { z } from "zod";
import { stableJson } from "../stable-json.js";
import { settingsConfig, type Resolved } from "../options/search-options.js";
import { parseStored } from "../options/stored.js";
import type { SearchParts } from "../options/resolve-search.js";
import { SUITE_PROTOCOLS, type SuiteOptions, type SuiteProtocol } from "./options.js";

/** One task of a suite as stored: its file, name, and the config hash of its run. */
export interface SuiteTaskEntry {
  readonly file: string;
  readonly name: string;
  readonly hash: string;
}

/** What a suite stores beside the settings. */
export interface SuitePlan {
  readonly tasks: readonly SuiteTaskEntry[];
  readonly parallel: number;
  readonly protocol: SuiteProtocol | undefined;
}

/** The suite's config JSON and hash (the hash covers what its runs are, not how fast they run). */
export function suiteConfig(o: SuiteOptions, r: Resolved, parts: SearchParts, plan: SuitePlan): { readonly json: string; readonly hash: string } {
  const tasks = plan.tasks.map((t) => ({ ...t, file: existsSync(t.file) ? resolvePath(t.file) : t.file }));
  const hash = createHash("sha256")
    .update(stableJson({ runs: tasks.map((t) => t.hash), protocol: plan.protocol ?? null }))
    .digest("hex")
    .slice(0, 32);
  const json = stableJson({
    ...settingsConfig(o, r, { proposer: parts.proposer, target: parts.target }, parts.selector),
    tasks,
    parallel: plan.parallel,
    protocol: plan.protocol ?? null,
  });
  return { json, hash };
}

const storedPlan = z.object({
  tasks: z.array(z.object({ file: z.string(), name: z.string(), hash: z.string() })),
  parallel: z.number(),
  protocol: z.enum(SUITE_PROTOCOLS).nullish(),
});

/** The tasks, parallelism and protocol stored in a suite's config. */
export function readSuitePlan(config: string, suiteId: string): SuitePlan {
  const plan = parseStored(storedPlan, config, `suite ${suiteId}`);
  return { tasks: plan.tasks, parallel: plan.parallel, protocol: plan.protocol ?? undefined };
}
