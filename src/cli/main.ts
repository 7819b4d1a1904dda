/**
 * The `ape` command: parses arguments with yargs, runs one command, and turns any error into a
 * message on stderr and an exit code (src/errors.ts). The only place that decides the exit code.
 */
import yargs from "yargs";
import { ApeError, EXIT, UsageError } from "../errors.js";
import { cliMessage } from "./cli-message.js";
import { watchClosedPipe } from "./closed-pipe.js";
import { estimateCommand } from "./commands/estimate.js";
import { importCommand } from "./commands/import.js";
import { resumeCommand } from "./commands/resume.js";
import { runsCommand } from "./commands/runs.js";
import { searchCommand } from "./commands/search.js";
import { suiteCommand } from "./commands/suite.js";
import { exportCommand } from "./commands/export.js";
import { reportCommand } from "./commands/report.js";
import { showCommand } from "./commands/show.js";
import { tasksCommand } from "./commands/tasks.js";
import type { CliContext, CommandContext, Registration } from "./context.js";
import { commandContext } from "./text-output.js";

/** Every command of the CLI, one file each under src/cli/commands. */
const COMMANDS: readonly Registration[] = [
  searchCommand,
  suiteCommand,
  estimateCommand,
  resumeCommand,
  runsCommand,
  showCommand,
  exportCommand,
  reportCommand,
  tasksCommand,
  importCommand,
];

/** The signals that stop a command cleanly: the run is marked cancelled and can be resumed. */
const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;

/** The context of a real terminal session. */
export function processContext(signal: AbortSignal): CliContext {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, signal };
}

/** Run the CLI on `argv` (without `node` and the script) and return the exit code. */
export async function main(argv: readonly string[], ctx?: CliContext): Promise<number> {
  const controller = new AbortController();
  // SIGTERM (docker stop, timeout, a supervisor) stops a run as Ctrl-C does. Only the first signal
  // is handled: a second one (of either kind) ends the process at once, the run left to `ape resume`.
  const unhook = (): void => {
    for (const name of STOP_SIGNALS) process.off(name, onSignal);
  };
  const onSignal = (): void => {
    unhook();
    controller.abort();
  };
  if (!ctx) for (const name of STOP_SIGNALS) process.on(name, onSignal);
  const context = ctx ?? processContext(controller.signal);
  // Once for the process: a reader that closed our stdout stops the command, quietly, exit 0.
  const stdoutClosed = ctx ? () => false : watchClosedPipe(process.stdout, () => controller.abort());
  try {
    // Every write of every command, errors included, goes out with control characters escaped.
    const code = await run(argv, commandContext(context));
    return stdoutClosed() ? EXIT.ok : code;
  } finally {
    if (!ctx) unhook();
  }
}

async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const parser = yargs([...argv])
    .scriptName("ape")
    .usage("$0 <command> [options]")
    .strict()
    .demandCommand(1, "Name a command; `ape --help` lists them.")
    .recommendCommands()
    .help()
    .version()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .fail((message: string | null, error: Error | undefined) => {
      // Throwing here stops yargs before any handler runs, so a bad flag never half-runs a command.
      throw error ?? new UsageError(`${plainMessage(message ?? "invalid arguments")}\nRun \`ape --help\` for usage.`);
    });
  for (const add of COMMANDS) add(parser, ctx);
  // Known as soon as the flags are parsed (before they are checked): with `--progress json`, a
  // failure is the last event rather than a line of text.
  let jsonEvents = false;
  parser.middleware((a) => {
    jsonEvents = a.progress === "json";
  }, true);
  let helpText = "";
  try {
    await parser.parseAsync([...argv], {}, (_err: Error | undefined, _argv: unknown, output: string) => {
      helpText = output;
    });
  } catch (error) {
    return report(error, ctx, jsonEvents);
  }
  if (helpText) ctx.stdout.write(`${helpText}\n`);
  return EXIT.ok;
}

/**
 * yargs names an unknown flag once per spelling it derives (`such-flag, suchFlag` for
 * `--no-such-flag`): name each once, as a flag.
 */
function plainMessage(message: string): string {
  const unknown = /^Unknown arguments?: (.*)$/.exec(message);
  if (!unknown?.[1]) return message;
  const names = unknown[1].split(", ");
  const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const flags = [...new Set(names.map(kebab))].map((name) => (name.length === 1 ? `-${name}` : `--${name}`));
  return `unknown ${flags.length === 1 ? "flag" : "flags"} ${flags.join(", ")}`;
}

/**
 * Say why the command failed, in the command line's words, on stderr: a line of text, or with
 * `--progress json` an `error` event (its `exitCode` and `message`) after the others. The exit code.
 */
function report(error: unknown, ctx: CliContext, jsonEvents: boolean): number {
  const known = error instanceof ApeError;
  const exitCode = known ? error.exitCode : EXIT.internal;
  const message = known
    ? cliMessage(error, ctx.env)
    : `internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  ctx.stderr.write(jsonEvents ? `${JSON.stringify({ type: "error", exitCode, message, time: new Date().toISOString() })}\n` : `ape: ${message}\n`);
  return exitCode;
}
