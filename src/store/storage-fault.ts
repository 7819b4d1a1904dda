/**
 * Storage faults: the disk, not ape, refused a write (disk or quota full, a read-only file or file
 * system, an I/O error). SQLite reports them as `SQLITE_FULL`, `SQLITE_READONLY…`, `SQLITE_IOERR…`,
 * `SQLITE_CANTOPEN`; Node's file functions as `ENOSPC`, `EROFS`, `EIO`, … Each becomes one
 * StorageError that names the file, says what the disk said and what to do.
 */
import { StorageError } from "../errors.js";

/** What a fault means and what to do about it. */
interface Fault {
  readonly what: string;
  readonly todo: string;
}

const FULL: Fault = { what: "the disk (or the quota) is full", todo: "free some space" };
const READ_ONLY: Fault = {
  what: "it is read-only",
  todo: "make the file and its folder writable (check its permissions and the mount), or choose another file",
};
const IO: Fault = { what: "the disk reported an I/O error", todo: "check the disk (dmesg, its free space), then try again" };

/** SQLite's primary result codes that mean the disk refused (extended codes start with them). */
const SQLITE_FAULTS: readonly (readonly [string, Fault])[] = [
  ["SQLITE_FULL", FULL],
  ["SQLITE_READONLY", READ_ONLY],
  ["SQLITE_IOERR", IO],
  ["SQLITE_CANTOPEN", { what: "it cannot be opened", todo: "check that its folder exists and that ape may write there" }],
];

/** Node's errno codes that mean the disk refused (permission and path mistakes are usage errors). */
const ERRNO_FAULTS: Readonly<Record<string, Fault>> = {
  ENOSPC: FULL,
  EDQUOT: FULL,
  EFBIG: { what: "the file would grow past the size this process may write (ulimit -f)", todo: "raise the limit or free space" },
  EROFS: { what: "its file system is mounted read-only", todo: "choose a file on a writable disk" },
  EIO: IO,
};

function faultOf(error: unknown): { readonly code: string; readonly fault: Fault } | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return undefined;
  const sqlite = SQLITE_FAULTS.find(([prefix]) => code === prefix || code.startsWith(`${prefix}_`));
  if (sqlite) return { code, fault: sqlite[1] };
  const errno = ERRNO_FAULTS[code];
  return errno ? { code, fault: errno } : undefined;
}

/**
 * `error` as a StorageError naming `file` when it is a storage fault (unchanged otherwise, and a
 * StorageError as it is). `doing` says what could not be done ("write the results database");
 * `then` is appended: what became of the work and how to continue.
 */
export function asStorageError(error: unknown, file: string, doing: string, then = ""): unknown {
  if (error instanceof StorageError) return error;
  const found = faultOf(error);
  if (!found) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const message = `cannot ${doing} ${file}: ${found.fault.what} (${found.code}: ${detail}). ${capitalize(found.fault.todo)}.${then ? ` ${then}` : ""}`;
  return new StorageError(message, file, found.code, { cause: error });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
