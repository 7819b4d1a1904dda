/** `ape report RUN|SUITE`: one self-contained HTML file with charts, viewable without a network. */
import { join } from "node:path";
import type { Argv } from "yargs";
import { renderReport } from "../../report/html/page.js";
import { renderSuiteReport } from "../../report/html/suite-page.js";
import { findSuite } from "../../store/suites.js";
import { commandBody } from "../context.js";
import { dbFlag, withStore } from "../open-store.js";
import { writeOut } from "../write-out.js";

const builder = (y: Argv) =>
  dbFlag(y)
    .positional("run", { type: "string", demandOption: true, describe: "Run or suite id (or a unique prefix)" })
    .option("out", { type: "string", describe: "HTML file to write [default: results/report-<run>.html]" })
    .example("$0 report 401f715a && xdg-open results/report-401f715a.html", "write the report and open it");

/** The report command's flags and handler (main.ts names it and loads this file when it runs). */
export const reportCommand = commandBody({
  builder,
  handler: (argv, ctx) =>
    withStore(argv.db, ctx, (store) => {
      // A suite's id gets the suite's page: ape against the human references per task, each task's section.
      const suite = findSuite(store, argv.run);
      const id = suite?.id ?? store.getRun(argv.run).id;
      const html = suite ? renderSuiteReport(store, id) : renderReport(store, id);
      const out = argv.out ?? join("results", `report-${id}.html`);
      writeOut(out, html, "the report");
      ctx.stdout.write(`${out}\n`);
    }),
});
