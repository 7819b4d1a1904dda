/**
 * Running a suite from a command (`ape suite`, `ape resume SUITE`): progress on stderr (the
 * suite's estimate first, unless progress is off), the summary table (or JSON) on stdout.
 */
import { formatSuiteEstimate } from "../estimate/format.js";
import { suiteTable } from "../report/suite-text.js";
import type { SuiteOptions } from "../suite/options.js";
import { suite } from "../suite/suite.js";
import type { CommandContext } from "./context.js";
import type { RunOutput } from "./run-search.js";
import { showsEstimate } from "./progress.js";
import { createSuiteProgress } from "./suite-progress.js";

/** Run `options` and print the summary. */
export async function runSuite(options: SuiteOptions, out: RunOutput, ctx: CommandContext): Promise<void> {
  const progress = createSuiteProgress(ctx.stderr, out.progress);
  try {
    const showEstimate = showsEstimate(out.progress);
    const result = await suite({
      ...options,
      onEvent: (e) => {
        if (e.type === "suite-start" && showEstimate) ctx.stderr.write(`estimate:\n${formatSuiteEstimate(e.estimate).replace(/^/gm, "  ")}\n`);
        progress.onEvent(e);
      },
    });
    progress.stop();
    ctx.stdout.write(out.json ? `${JSON.stringify(result, null, 2)}\n` : suiteTable(result));
  } finally {
    progress.stop();
  }
}
