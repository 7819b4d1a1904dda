/** `ape estimate`: what a search with these flags would cost, without calling any model. */
import type { Argv } from "yargs";
import { estimate } from "../../estimate/estimate.js";
import { formatEstimate } from "../../estimate/format.js";
import { defineCommand } from "../context.js";
import { searchFlags, toSearchOptions } from "../search-flags.js";

const builder = (y: Argv) =>
  searchFlags(y)
    .option("json", { type: "boolean", default: false, describe: "Print the estimate as one JSON document", group: "Output:" })
    .example("$0 estimate --task tasks/antonyms.json --model openai:gpt-4o-mini", "what the search would cost on gpt-4o-mini");

/** The estimate command. */
export const estimateCommand = defineCommand({
  command: "estimate",
  describe: "Planned calls, tokens and cost of a search (same flags as search; calls no model)",
  builder,
  handler: async (argv, ctx) => {
    const e = await estimate(toSearchOptions(argv, ctx));
    ctx.stdout.write(argv.json ? `${JSON.stringify(e, null, 2)}\n` : `${formatEstimate(e)}\n`);
  },
});
