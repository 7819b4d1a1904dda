/** What a caught value says, whatever was thrown: an Error, a Node system error, or anything else. */

/** The message of a caught value: an Error's message, anything else as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The code of a caught value (`ENOENT`, `SQLITE_FULL`, …), or undefined when it carries none. */
export function codeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}
