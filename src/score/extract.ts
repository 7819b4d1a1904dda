/**
 * The task's answer extraction (`answer.extract`), run on the target's answer before the metric:
 * the first group of a regex (its whole match when it has no group), or a field of the JSON
 * object in the answer (found whole, in a ```json fence, or from the first `{` or `[` to the last
 * `}` or `]`). An answer with nothing to extract is scored 0 without asking the metric, with
 * feedback that says so: a model that does not answer in the asked-for form fails the example.
 */
import { isRecord } from "../narrow.js";
import type { Extract } from "../task/answer.js";

/** What extraction gives: the text for the metric, or why there is none. */
export type Extracted = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly feedback: string };

/** Extract from `answer` by `extract` (the whole answer when there is none). */
export function extractAnswer(answer: string, extract: Extract | undefined): Extracted {
  if (extract === undefined) return { ok: true, text: answer };
  if ("regex" in extract) {
    const match = new RegExp(extract.regex).exec(answer);
    const text = match === null ? undefined : match.length > 1 ? match[1] : match[0];
    return text === undefined ? { ok: false, feedback: `no match for answer.extract.regex ${JSON.stringify(extract.regex)}` } : { ok: true, text };
  }
  const value = jsonIn(answer);
  if (value === undefined) return { ok: false, feedback: "no JSON object in the answer (answer.extract.json)" };
  const found = at(value, extract.json.split("."));
  if (found === undefined || found === null) return { ok: false, feedback: `the answer's JSON has no ${JSON.stringify(extract.json)}` };
  return { ok: true, text: typeof found === "string" ? found : JSON.stringify(found) };
}

/** The JSON value in `text`: the whole text, a fenced block, or the widest braces or brackets. */
function jsonIn(text: string): unknown {
  const fenced = /```(?:json)?\s*\n([\s\S]*?)```/i.exec(text)?.[1];
  const candidates = [text, fenced, span(text, "{", "}"), span(text, "[", "]")];
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    try {
      return JSON.parse(candidate);
    } catch {
      // Not this one; try the next.
    }
  }
  return undefined;
}

function span(text: string, open: string, close: string): string | undefined {
  const start = text.indexOf(open);
  const end = text.lastIndexOf(close);
  return start >= 0 && end > start ? text.slice(start, end + 1) : undefined;
}

/** The value at `path` (object keys, or list positions) in `value`. */
function at(value: unknown, path: readonly string[]): unknown {
  let here = value;
  for (const step of path) {
    if (Array.isArray(here) && /^\d+$/.test(step)) here = here[Number(step)];
    else if (isRecord(here) && Object.hasOwn(here, step)) here = here[step];
    else return undefined;
  }
  return here;
}
