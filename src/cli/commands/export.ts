/** `ape export RUN|SUITE`: a run's candidates or evaluations (a suite's summary table) as JSON, JSON Lines or CSV, to stdout or a file. */
import type { Argv } from "yargs";
import { suiteRecords } from "../../report/suite-export.js";
import { findSuite } from "../../store/suites.js";
import { EXPORT_FORMATS, EXPORT_WHATS, exportRecords, formatRecords } from "../../report/export.js";
import { commandBody } from "../context.js";
import { dbFlag, withStore } from "../open-store.js";
import { writeOut } from "../write-out.js";

const builder = (y: Argv) =>
  dbFlag(y)
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
    .example("$0 export 401f715a --format csv --out winner.csv", "the candidates with scores, as CSV")
    .example("$0 export 401f715a --what evaluations --format jsonl | jq .score", "every scored output");

/** The export command's flags and handler (main.ts names it and loads this file when it runs). */
export const exportCommand = commandBody({
  builder,
  handler: (argv, ctx) =>
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
      writeOut(out, text, "the export");
      ctx.stderr.write(`wrote ${records.length} ${suite ? "tasks" : argv.what} to ${out}\n`);
    }),
});
