/** Running a suite from a command (`ape suite`, `ape resume SUITE`): progress on stderr, the summary table (or JSON) on stdout. */
import { suiteTable } from "../report/suite-text.js";
import type { SuiteOptions } from "../suite/options.js";
import { suite } from "../suite/suite.js";
import type { CommandContext } from "./context.js";
import type { RunOutput } from "./run-search.js";
import { createSuiteProgress } from "./suite-progress.js";

/** Run `options` and print the summary. */
export async function runSuite(options: SuiteOptions, out: RunOutput, ctx: CommandContext): Promise<void> {
  const progress = createSuiteProgress(ctx.stderr, out.progress);
  try {
    const result = await suite({ ...options, onEvent: progress.onEvent });
    progress.stop();
    ctx.stdout.write(out.json ? `${JSON.stringify(result, null, 2)}\n` : suiteTable(result));
  } finally {
    progress.stop();
  }
}
