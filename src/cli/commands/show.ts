/** `ape show RUN`: the leaderboard of a run, with the references beside it. */
import type { CommandModule } from "yargs";
import { leaderboard } from "../../report/leaderboard.js";
import { readResult } from "../../store/read-result.js";
import { Store } from "../../store/store.js";
import type { CliContext, CommandFactory } from "../context.js";
import { dbPath } from "../search-flags.js";

/** The show command. */
export const showCommand: CommandFactory = (ctx: CliContext): CommandModule => ({
  command: "show <run>",
  describe: "Show a run's ranked candidates and references",
  builder: (y) =>
    y
      .positional("run", { type: "string", demandOption: true, describe: "Run id (or a unique prefix)" })
      .option("db", { type: "string", describe: "Results database [default: $APE_DB or results/ape.db]" })
      .option("limit", { type: "number", default: 20, describe: "Candidates shown" })
      .option("json", { type: "boolean", default: false, describe: "Print the run's result as JSON" }),
  handler: (argv) => {
    const store = new Store(dbPath(argv.db as string | undefined, ctx));
    try {
      const result = readResult(store, argv.run as string);
      ctx.stdout.write(argv.json ? `${JSON.stringify(result, null, 2)}\n` : leaderboard(result, argv.limit as number));
    } finally {
      store.close();
    }
  },
});
