/**
 * Text for a terminal or a plain log. Models, task files and servers can put control characters in
 * what ape prints; written raw they move the cursor, recolour or clear the screen, rewrite a line
 * (a bare CR) or reorder what follows (bidi overrides). Shown escaped they are harmless and visible.
 */

/**
 * What is escaped: C0 except tab and newline (so CR too), DEL, C1 (U+0080–U+009F), and the bidi
 * controls U+061C, U+200E, U+200F, U+202A–U+202E and U+2066–U+2069.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding these characters is this file's one job.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The short escapes JSON uses for the characters that have one. */
const SHORT: Readonly<Record<string, string>> = { "\b": "\\b", "\f": "\\f", "\r": "\\r" };

/**
 * `text` with each control character written the way JSON writes it (`\u001b`, `\u0000`, `\r`,
 * `\u009b`, `\u202e`); everything else, tab, newline and printable Unicode alike, is unchanged.
 * Escaping JSON text this way leaves it valid JSON with the same values (a JSON string never holds a
 * raw C0 character, and the others become `\u` escapes inside strings).
 *
 * @example terminalText("red\u001b[31m") // "red\\u001b[31m"
 */
export function terminalText(text: string): string {
  return text.replace(CONTROL, (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
