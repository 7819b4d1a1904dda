/** Writing what a command made to the file its `--out` names. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { UsageError } from "../errors.js";

/** Write `text` to `out`, creating its folder; a failure is a UsageError that names the file and `--out`. */
export function writeOut(out: string, text: string, what: string): void {
  try {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, text);
  } catch (error) {
    throw new UsageError(`cannot write ${what} to ${out}: ${(error as Error).message}. Choose another --out.`, { cause: error });
  }
}
