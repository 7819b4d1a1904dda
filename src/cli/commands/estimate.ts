/** `ape estimate`: what a search with these flags would cost, without calling any model. */
import type { CommandModule } from "yargs";
import { estimate } from "../../estimate/estimate.js";
import { formatEstimate } from "../../estimate/format.js";
import type { CliContext, CommandFactory } from "../context.js";
import { searchFlags, toSearchOptions } from "../search-flags.js";

/** The estimate command. */
export const estimateCommand: CommandFactory = (ctx: CliContext): CommandModule => ({
  command: "estimate",
  describe: "Planned calls, tokens and cost of a search (same flags as search; calls no model)",
  builder: (y) =>
    searchFlags(y)
      .option("json", { type: "boolean", default: false, describe: "Print the estimate as one JSON document", group: "Output:" })
      .example("$0 estimate --task tasks/antonyms.json --model openai:gpt-4o-mini", "what the search would cost on gpt-4o-mini"),
  handler: async (argv) => {
    const a = argv as unknown as Parameters<typeof toSearchOptions>[0] & { json: boolean };
    const e = await estimate(toSearchOptions(a, ctx));
    ctx.stdout.write(a.json ? `${JSON.stringify(e, null, 2)}\n` : `${formatEstimate(e)}\n`);
  },
});
