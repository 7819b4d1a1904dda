/**
 * Writing what a command made to the file its `--out` names, atomically: the text goes to a
 * temporary file beside it, which replaces the file only once it is whole and on disk, so a full
 * disk or a crash never leaves a truncated report or export (nor spoils the one that was there).
 */
import { randomUUID } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, type Stats, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { UsageError } from "../errors.js";
import { asStorageError } from "../store/storage-fault.js";

/**
 * Write `text` to `out`, creating its folder. A device or pipe (`/dev/stdout`, a FIFO) is written
 * in place. @throws StorageError when the disk refuses (full, I/O error), else UsageError naming
 * the file and `--out`.
 */
export function writeOut(out: string, text: string, what: string): void {
  try {
    mkdirSync(dirname(out), { recursive: true });
    const existing = statOf(out);
    if (existing && !existing.isFile()) writeFileSync(out, text);
    else replaceAtomically(out, text, existing?.mode);
  } catch (error) {
    const fault = asStorageError(error, out, `write ${what} to`, "Or choose another --out.");
    if (fault !== error) throw fault;
    throw new UsageError(`cannot write ${what} to ${out}: ${(error as Error).message}. Choose another --out.`, { cause: error });
  }
}

function statOf(file: string): Stats | undefined {
  return statSync(file, { throwIfNoEntry: false });
}

function replaceAtomically(out: string, text: string, mode: number | undefined): void {
  // Beside the target (same file system, so the rename is atomic), hidden, and unique per process.
  const temp = join(dirname(out), `.${basename(out)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  try {
    const fd = openSync(temp, "wx", mode === undefined ? 0o666 : mode & 0o7777);
    try {
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, out);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
