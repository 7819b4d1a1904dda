/** What must never reach a terminal raw: C0 but tab and newline, DEL, C1, and the bidi controls (as README "Commands and flags" lists them). */
const RAW = new Set<number>([
  ...range(0x00, 0x08),
  ...range(0x0b, 0x1f),
  ...range(0x7f, 0x9f),
  0x061c,
  0x200e,
  0x200f,
  ...range(0x202a, 0x202e),
  ...range(0x2066, 0x2069),
]);

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The raw control characters in `text`, as `U+001B` names (empty when there are none). */
export function rawControls(text: string): string[] {
  const found = new Set([...text].map((c) => c.codePointAt(0) ?? 0).filter((code) => RAW.has(code)));
  return [...found].map((code) => `U+${code.toString(16).toUpperCase().padStart(4, "0")}`);
}
