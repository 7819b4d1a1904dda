/**
 * Placeholder rendering. One pass over the template: text that is substituted in (an input, an
 * instruction, a demo) is never scanned again, so an example that happens to contain "[INPUT]"
 * stays as written.
 */
import type { ChatMessage } from "./chat.js";

/** The placeholders a template may contain. */
export const PLACEHOLDERS = ["PROMPT", "INPUT", "OUTPUT", "full_DEMO", "APE"] as const;
/** One placeholder name, without brackets. */
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Values for some placeholders; those left out are kept as written. */
export type TemplateValues = Partial<Record<Placeholder, string>>;

const PATTERN = /\[(PROMPT|INPUT|OUTPUT|full_DEMO|APE)\]/g;

/** Substitute placeholders in one pass. */
export function render(template: string, values: TemplateValues): string {
  return template.replace(PATTERN, (whole, name: Placeholder) => values[name] ?? whole);
}

/** Which placeholders a template uses. */
export function placeholdersIn(template: string): Set<Placeholder> {
  return new Set([...template.matchAll(PATTERN)].map((m) => m[1] as Placeholder));
}

/**
 * Split a template at its first occurrence of `[name]`. Used where the model must continue or fill
 * at that point (the `[OUTPUT]` of the eval template, the `[APE]` blank of the proposal templates).
 */
export function splitAt(template: string, name: Placeholder): { readonly before: string; readonly after: string } {
  const marker = `[${name}]`;
  const at = template.indexOf(marker);
  if (at < 0) throw new Error(`template has no ${marker}: ${JSON.stringify(template.slice(0, 80))}`);
  return { before: template.slice(0, at), after: template.slice(at + marker.length) };
}

/** A template as text, for people: itself, or a message list one `role: content` per message. */
export function templateText(template: string | readonly ChatMessage[]): string {
  return typeof template === "string" ? template : template.map((m) => `${m.role}: ${m.content}`).join("\n");
}
