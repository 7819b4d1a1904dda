/**
 * The writers every command gets: what a command writes goes through `terminalText`, so text from
 * models, task files and servers reaches the terminal (or a log) with its control characters shown
 * escaped, whichever command or formatter produced it. JSON stays valid JSON with the same values.
 */
import { terminalText } from "../text/terminal-text.js";
import type { CliContext, CommandContext, Output, TextOutput } from "./context.js";

/** `out` with control characters in every write shown escaped; `exact` writes to `out` unchanged. */
export function textOutput(out: Output): TextOutput {
  return { write: (text: string) => out.write(terminalText(text)), exact: out, ...(out.isTTY === undefined ? {} : { isTTY: out.isTTY }) };
}

/** The context commands run in: `ctx` with escaping stdout and stderr. */
export function commandContext(ctx: CliContext): CommandContext {
  return { ...ctx, stdout: textOutput(ctx.stdout), stderr: textOutput(ctx.stderr) };
}
