/**
 * Reading a task or source file as text, strictly: a file that is not valid UTF-8 is refused with
 * the byte offset of the first bad sequence, instead of being read with U+FFFD in its place.
 */
import { isUtf8 } from "node:buffer";
import { constants, type Stats } from "node:fs";
import { type FileHandle, open, stat } from "node:fs/promises";
import { TaskError } from "../errors.js";
import { codeOf } from "../caught.js";

/** Largest task or source file read, in bytes (256 MiB); bigger files are refused before parsing. */
export const FILE_CAP = 256 * 1024 * 1024;

/**
 * The text of `file`, decoded as UTF-8 (a leading byte-order mark is kept; the parsers skip it).
 * Only a regular file is read (a FIFO, a device such as /dev/zero or a directory is refused before
 * it is opened, and again on the opened handle), and never more than {@link FILE_CAP} bytes.
 * @throws TaskError naming the file when it cannot be read, is not a regular file, is too large, or is not valid UTF-8.
 */
export async function readTextFile(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    refuseOther(file, await stat(file));
    bytes = await readCapped(file);
  } catch (error) {
    if (error instanceof TaskError) throw error;
    const code = codeOf(error);
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a file" : String(code ?? error);
    throw new TaskError(file, [{ path: "", message: `cannot read: ${why}` }], { cause: error });
  }
  if (!isUtf8(bytes)) {
    const at = invalidUtf8Offset(bytes) ?? 0;
    const line = bytes.subarray(0, at).filter((b) => b === 0x0a).length + 1;
    const shown = [...bytes.subarray(at, at + 4)].map((b) => `0x${b.toString(16).padStart(2, "0")}`).join(" ");
    throw new TaskError(file, [{ path: `byte ${at} (line ${line})`, message: `not valid UTF-8 (${shown}); save the file as UTF-8` }]);
  }
  return bytes.toString("utf8");
}

/** What a file that is not a regular file is, in words. */
function kindOfFile(s: Stats): string {
  if (s.isDirectory()) return "a directory";
  if (s.isFIFO()) return "a FIFO (named pipe)";
  if (s.isCharacterDevice() || s.isBlockDevice()) return "a device";
  return s.isSocket() ? "a socket" : "a special file";
}

/** Refuse anything but a regular file of at most FILE_CAP bytes. */
function refuseOther(file: string, s: Stats): void {
  if (!s.isFile())
    throw new TaskError(file, [{ path: "", message: `cannot read: ${kindOfFile(s)}, not a regular file; give a task file (save piped data to a file first)` }]);
  if (s.size > FILE_CAP) throw tooLarge(file);
}

function tooLarge(file: string): TaskError {
  return new TaskError(file, [
    { path: "", message: `file too large (over ${FILE_CAP / 1024 / 1024} MiB, the most ape reads); split it into smaller task files` },
  ]);
}

/**
 * The bytes of `file`, at most FILE_CAP of them. Opened without blocking (a FIFO swapped in after
 * the stat would otherwise wait for a writer) and checked again on the handle; the read stops one
 * byte past the cap, whatever the file's size said.
 */
async function readCapped(file: string): Promise<Buffer> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    refuseOther(file, await handle.stat());
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, FILE_CAP + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > FILE_CAP) throw tooLarge(file);
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle?.close();
  }
}

/**
 * Offset of the first byte of the first invalid UTF-8 sequence (overlong forms, surrogates and
 * code points past U+10FFFF are invalid, as in the Unicode standard), or undefined if all is valid.
 */
export function invalidUtf8Offset(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const shape = SEQUENCES.find((s) => lead >= s.from && lead <= s.to);
    if (!shape) return i;
    for (let k = 1; k <= shape.follow; k++) {
      const b = bytes[i + k];
      const [lo, hi] = k === 1 ? shape.second : [0x80, 0xbf];
      if (b === undefined || b < lo || b > hi) return i;
    }
    i += shape.follow + 1;
  }
  return undefined;
}

/** Well-formed multi-byte sequences: lead byte range, continuation count, allowed second byte. */
const SEQUENCES: readonly { from: number; to: number; follow: number; second: readonly [number, number] }[] = [
  { from: 0xc2, to: 0xdf, follow: 1, second: [0x80, 0xbf] },
  { from: 0xe0, to: 0xe0, follow: 2, second: [0xa0, 0xbf] },
  { from: 0xe1, to: 0xec, follow: 2, second: [0x80, 0xbf] },
  { from: 0xed, to: 0xed, follow: 2, second: [0x80, 0x9f] },
  { from: 0xee, to: 0xef, follow: 2, second: [0x80, 0xbf] },
  { from: 0xf0, to: 0xf0, follow: 3, second: [0x90, 0xbf] },
  { from: 0xf1, to: 0xf3, follow: 3, second: [0x80, 0xbf] },
  { from: 0xf4, to: 0xf4, follow: 3, second: [0x80, 0x8f] },
];
