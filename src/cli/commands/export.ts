/** `ape export RUN|SUITE`: a run's candidates or evaluations (a suite's summary table) as JSON, JSON Lines or CSV, to stdout or a file. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Argv, CommandModule } from "yargs";
import { UsageError } from "../../errors.js";
import { suiteRecords } from "../../report/suite-export.js";
import { findSuite } from "../../store/suites.js";
import { EXPORT_FORMATS, EXPORT_WHATS, exportRecords, formatRecords } from "../../report/export.js";
import type { CommandContext, CommandFactory } from "../context.js";
import { withStore } from "../open-store.js";

const builder = (y: Argv) =>
  y
    .positional("run", {
      type: "string",
      demandOption: true,
      describe: "Run or suite id (or a unique prefix); a suite exports its summary table, one record per task",
    })
    .option("format", {
      choices: EXPORT_FORMATS,
      default: "json" as const,
      describe: "json: one array; jsonl: one object per line; csv: a header row, then one row per record",
    })
    .option("what", {
      choices: EXPORT_WHATS,
      default: "candidates" as const,
      describe: "candidates: one record per candidate and reference; evaluations: one per (candidate, example)",
    })
    .option("out", { type: "string", describe: "Write to this file instead of stdout" })
    .option("db", { type: "string", describe: "Results database [default: $APE_DB or results/ape.db]" })
    .example("$0 export 401f715a --format csv --out winner.csv", "the candidates with scores, as CSV")
    .example("$0 export 401f715a --what evaluations --format jsonl | jq .score", "every scored output");

type ExportArgs = ReturnType<typeof builder> extends Argv<infer U> ? U : never;

/** The export command. */
export const exportCommand: CommandFactory<ExportArgs> = (ctx: CommandContext): CommandModule<object, ExportArgs> => ({
  command: "export <run>",
  describe: "Export a run's candidates (or evaluations), or a suite's table, as JSON, JSON Lines or CSV",
  builder,
  handler: (argv) =>
    withStore(argv.db, ctx, (store) => {
      // A suite's id exports its summary table, one record per task.
      const suite = findSuite(store, argv.run);
      const { fields, records } = suite ? suiteRecords(store, suite.id) : exportRecords(store, argv.run, argv.what);
      const text = formatRecords(fields, records, argv.format);
      const out = argv.out;
      if (out === undefined) {
        // Data, not a display: the exact text, control characters and all (as in a file).
        ctx.stdout.exact.write(text);
        return;
      }
      try {
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, text);
      } catch (error) {
        throw new UsageError(`cannot write ${out}: ${(error as Error).message}. Choose another --out.`, { cause: error });
      }
      ctx.stderr.write(`wrote ${records.length} ${suite ? "tasks" : argv.what} to ${out}\n`);
    }),
});
