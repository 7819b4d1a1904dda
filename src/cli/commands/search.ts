/** `ape search`: run a search and print the ranked candidates (or one JSON document). */
import type { Argv, CommandModule } from "yargs";
import type { CommandContext, CommandFactory } from "../context.js";
import { runOutputFlags, runSearch } from "../run-search.js";
import { searchFlags, toSearchOptions } from "../search-flags.js";

const builder = (y: Argv) =>
  runOutputFlags(searchFlags(y)).example("$0 search --task tasks/antonyms.json --model vllm:Qwen/Qwen2.5-7B-Instruct", "search against a local vLLM server");

type SearchArgs = ReturnType<typeof builder> extends Argv<infer U> ? U : never;

/** The search command. */
export const searchCommand: CommandFactory<SearchArgs> = (ctx: CommandContext): CommandModule<object, SearchArgs> => ({
  command: "search",
  describe: "Search for the best instruction for a task",
  builder,
  handler: async (argv) => {
    await runSearch(toSearchOptions(argv, ctx), argv, ctx);
  },
});
