/**
 * Running a search from a command (`ape search`, `ape resume`): progress on stderr (the estimate
 * first, unless progress is off), the result on stdout as a leaderboard or one JSON document.
 */
import { formatEstimate } from "../estimate/format.js";
import type { SearchOptions } from "../options/search-options.js";
import { leaderboard } from "../report/leaderboard.js";
import { search } from "../search/search.js";
import type { CommandContext } from "./context.js";
import type { Argv } from "yargs";
import { createProgress, PROGRESS_MODES, type ProgressMode, showsEstimate } from "./progress.js";

/** The output flags of the commands that run a search (`search`, `resume`, `suite`); `document` says what `--json` prints. */
export function runOutputFlags<T>(y: Argv<T>, document = "one JSON document (winner first)") {
  return y.option("json", { type: "boolean", default: false, describe: `Print ${document} on stdout, nothing else`, group: "Output:" }).option("progress", {
    choices: PROGRESS_MODES,
    default: "auto" as const,
    describe: "auto: a live bar on a terminal, plain lines otherwise; json: one event per line on stderr; none",
    group: "Output:",
  });
}

/** Output settings shared by the commands that run a search. */
export interface RunOutput {
  readonly json: boolean;
  readonly progress: ProgressMode;
}

/** Run `options` and print the result. */
export async function runSearch(options: SearchOptions, out: RunOutput, ctx: CommandContext): Promise<void> {
  const progress = createProgress(ctx.stderr, out.progress);
  const showEstimate = showsEstimate(out.progress);
  // The estimate made once proposals are known comes while a live bar is drawn: lines only.
  const liveBar = out.progress === "auto" && ctx.stderr.isTTY === true;
  try {
    const result = await search({
      ...options,
      onEvent: (e) => {
        if (e.type === "estimate" && showEstimate && !(e.basis === "proposals" && liveBar)) {
          const title = e.basis === "plan" ? "estimate" : "estimate, with the proposals made";
          ctx.stderr.write(`${title}:\n${formatEstimate(e.estimate).replace(/^/gm, "  ")}\n`);
        }
        progress.onEvent(e);
      },
    });
    progress.stop();
    ctx.stdout.write(out.json ? `${JSON.stringify(result, null, 2)}\n` : leaderboard(result));
  } finally {
    progress.stop();
  }
}
