/**
 * Fill-in emulated by a chat instruction, for servers with no native suffix or FIM: ask for only
 * the missing text, then strip whatever of the prefix or suffix the model echoed anyway.
 */

/** The chat message that asks for the text missing between `prefix` and `suffix`. */
export function chatFillPrompt(prefix: string, suffix: string): string {
  return [
    "Below is a text with one part missing, marked <MISSING>. Reply with only the missing text: no quotes, no explanation, nothing before or after it.",
    "",
    `${prefix}<MISSING>${suffix}`,
  ].join("\n");
}

/** Clean a chat fill: drop an echoed prefix/suffix and a `<MISSING>` label, keep the first line. */
export function cleanChatFill(text: string, prefix: string, suffix: string): string {
  let t = text.trim();
  const head = prefix.trim();
  const tail = suffix.trim();
  if (head && t.startsWith(head)) t = t.slice(head.length);
  if (tail) {
    const at = t.indexOf(tail.slice(0, Math.min(tail.length, 40)));
    if (at >= 0) t = t.slice(0, at);
  }
  t = t.replace(/<\/?MISSING>/g, "").trim();
  return t.split("\n")[0]?.trim() ?? "";
}
