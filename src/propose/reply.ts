/**
 * An instruction read out of a free reply (reflect, merge), which may hold several lines. Models
 * wrap what they are asked for: a lead-in ("Improved instruction:", "Here is the new
 * instruction:"), a code fence, quotes, bold marks, and sometimes a remark after the closing
 * quote. Each wrapper is taken off until none is left; the lines inside are kept.
 */
import { finishInstruction } from "./proposal.js";

/** "Instruction:", "**New instruction:**", "Here is the improved instruction for this task:", "Sure! Here's my revised instruction:" … */
const LEAD_IN =
  /^(?:#+\s*)?(?:\*\*)?(?:(?:sure|okay|ok|certainly)[,.!]?\s+)?(?:here(?:'s|’s| is)\s+)?(?:(?:an?|the|my)\s+)?(?:(?:improved|new|better|revised|updated|rewritten|combined|merged|final)\s+)?instruction\b[^:\n]{0,60}:(?:\*\*)?[ \t]*/i;
/** A fenced block: its body, up to the closing fence (or the end of a reply cut short). */
const FENCE = /^```[^\n]*\n([\s\S]*?)(?:\n```[\s\S]*)?$/;
/** Opening and closing marks that may wrap the whole instruction. */
const QUOTES: readonly (readonly [string, string])[] = [
  ['"', '"'],
  ["“", "”"],
  ["'", "'"],
  ["‘", "’"],
  ["`", "`"],
  ["**", "**"],
];

/** The instruction in `raw`: wrappers taken off, each line trimmed, at most one blank line in a row. */
export function cleanReply(raw: string): string {
  let t = raw.replace(/\r/g, "").trim();
  for (let previous = ""; previous !== t; ) {
    previous = t;
    t = unquote(unfence(t.replace(LEAD_IN, "").trim())).trim();
  }
  const lines = t
    .split("\n")
    .map((l) => l.replace(/[ \t]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n");
  return finishInstruction(lines.trim());
}

/** The body of a reply that opens with a code fence. */
function unfence(t: string): string {
  return FENCE.exec(t)?.[1] ?? t;
}

/**
 * The text inside quotes that wrap the reply, or that open it and close a sentence or a line (a
 * remark after them is dropped: `"Give the antonym." It names…`; `"Hot" and "cold" are…` is kept
 * whole). Single quotes and bold marks only when they wrap the whole reply: an apostrophe may
 * close nothing.
 */
function unquote(t: string): string {
  for (const [open, close] of QUOTES) {
    if (!t.startsWith(open) || !t.endsWith(close) || t.length <= open.length + close.length) continue;
    const inner = t.slice(open.length, t.length - close.length);
    if (!inner.includes(close)) return inner;
  }
  for (const [open, close] of QUOTES.slice(0, 2)) {
    const end = t.startsWith(open) ? t.indexOf(close, open.length) : -1;
    if (end <= open.length) continue;
    const inner = t.slice(open.length, end);
    const rest = t.slice(end + close.length);
    if (/[.!?]$/.test(inner.trim()) || rest.startsWith("\n")) return inner;
  }
  return t;
}
