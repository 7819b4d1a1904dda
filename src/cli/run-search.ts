/**
 * Running a search from a command (`ape search`, `ape resume`): progress on stderr (the estimate
 * first, unless progress is off), the result on stdout as a leaderboard or one JSON document.
 */
import { formatEstimate } from "../estimate/format.js";
import type { SearchOptions } from "../options.js";
import { leaderboard } from "../report/leaderboard.js";
import { search } from "../search.js";
import type { CliContext } from "./context.js";
import { createProgress, type ProgressMode } from "./progress.js";

/** Output settings shared by the commands that run a search. */
export interface RunOutput {
  readonly json: boolean;
  readonly progress: ProgressMode;
}

/** Run `options` and print the result. */
export async function runSearch(options: SearchOptions, out: RunOutput, ctx: CliContext): Promise<void> {
  const progress = createProgress(ctx.stderr, out.progress);
  const showEstimate = out.progress === "auto" || out.progress === "plain";
  try {
    const result = await search({
      ...options,
      onEvent: (e) => {
        if (e.type === "estimate" && showEstimate) ctx.stderr.write(`estimate:\n${formatEstimate(e.estimate).replace(/^/gm, "  ")}\n`);
        progress.onEvent(e);
      },
    });
    progress.stop();
    ctx.stdout.write(out.json ? `${JSON.stringify(result, null, 2)}\n` : leaderboard(result));
  } finally {
    progress.stop();
  }
}
