/**
 * What a CLI command needs from the outside world, passed in rather than read from globals, so
 * every command runs the same in a test (in-process, captured output) and in a terminal.
 */
import type { Argv, CommandModule } from "yargs";

/** A place to write text (process.stdout/stderr, or a buffer in tests). */
export interface Output {
  write(text: string): unknown;
  /** True when it is an interactive terminal (progress bars are drawn only then). */
  readonly isTTY?: boolean;
}

/** Everything a command may use besides its arguments. */
export interface CliContext {
  /** Results only: tables, JSON documents. */
  readonly stdout: Output;
  /** Progress, warnings, errors. */
  readonly stderr: Output;
  /** Environment variables (`APE_DB`, `OPENAI_API_KEY`, …). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C. */
  readonly signal: AbortSignal;
}

/** A command is built from the context; yargs parses, the handler calls the library and formats. */
export type CommandFactory<U = {}> = (ctx: CliContext) => CommandModule<{}, U>;

/** Adds one command to a parser; keeps each command's own argument type inside it. */
export type Registration = (parser: Argv, ctx: CliContext) => void;

/** The registration of a command factory, whatever its argument type. */
export function register<U>(factory: CommandFactory<U>): Registration {
  return (parser, ctx) => {
    parser.command(factory(ctx));
  };
}
