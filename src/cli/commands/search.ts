/** `ape search`: run a search and print the ranked candidates (or one JSON document). */
import type { CommandModule } from "yargs";
import type { CliContext, CommandFactory } from "../context.js";
import { PROGRESS_MODES } from "../progress.js";
import { runSearch } from "../run-search.js";
import { searchFlags, toSearchOptions } from "../search-flags.js";

/** The search command. */
export const searchCommand: CommandFactory = (ctx: CliContext): CommandModule => ({
  command: "search",
  describe: "Search for the best instruction for a task",
  builder: (y) =>
    searchFlags(y)
      .option("json", { type: "boolean", default: false, describe: "Print one JSON document (winner first) on stdout, nothing else", group: "Output:" })
      .option("progress", { choices: PROGRESS_MODES, default: "auto" as const, describe: "auto: a live bar on a terminal; json: one event per line on stderr", group: "Output:" })
      .example("$0 search --task tasks/antonyms.json --model vllm:Qwen/Qwen2.5-7B-Instruct", "search against a local vLLM server"),
  handler: async (argv) => {
    const a = argv as unknown as Parameters<typeof toSearchOptions>[0] & { json: boolean; progress: (typeof PROGRESS_MODES)[number] };
    await runSearch(toSearchOptions(a, ctx), a, ctx);
  },
});
