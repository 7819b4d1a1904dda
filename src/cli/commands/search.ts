/** `ape search`: run a search and print the ranked candidates (or one JSON document). */
import type { Argv } from "yargs";
import { commandBody } from "../context.js";
import { runOutputFlags, runSearch } from "../run-search.js";
import { searchFlags, toSearchOptions } from "../search-flags.js";

const builder = (y: Argv) =>
  runOutputFlags(searchFlags(y)).example("$0 search --task tasks/antonyms.json --model vllm:Qwen/Qwen2.5-7B-Instruct", "search against a local vLLM server");

/** The search command's flags and handler (main.ts names it and loads this file when it runs). */
export const searchCommand = commandBody({
  builder,
  handler: async (argv, ctx) => {
    await runSearch(toSearchOptions(argv, ctx), argv, ctx);
  },
});
