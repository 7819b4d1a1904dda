/** Escaping text for HTML and SVG: everything the report shows comes from models and users. */
import { terminalText } from "../../text/terminal-text.js";

/**
 * Text safe inside an element or a double-quoted attribute. Control characters are shown as the
 * terminal shows them (`\u001b`, `\u202e`): visible, never reordering the page, and legal in XML
 * (the SVG charts) where a raw C0 character is not.
 */
export function esc(text: string | number): string {
  return terminalText(String(text)).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}
