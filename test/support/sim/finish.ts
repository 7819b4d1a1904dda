/**
 * Stop sequences and `max_tokens`, applied to a sample's text the way a server does: cut at the
 * earliest stop string (which is not returned), then at the token limit.
 */
import { tokenize } from "./tokens.js";

/** A finished sample's text and why it ended. */
export interface Finished {
  readonly text: string;
  readonly finishReason: "stop" | "length";
  /** The stop string that ended the text, if one did. */
  readonly stopWord?: string;
}

/** Apply `stop` and `maxTokens` (undefined: no limit) to `text`. */
export function finish(text: string, stop: readonly string[], maxTokens: number | undefined): Finished {
  let cut = text;
  let stopWord: string | undefined;
  for (const s of stop) {
    const at = s === "" ? -1 : cut.indexOf(s);
    if (at >= 0) {
      cut = cut.slice(0, at);
      stopWord = s;
    }
  }
  if (maxTokens !== undefined) {
    const tokens = tokenize(cut);
    const over = tokens[maxTokens];
    if (over !== undefined) return { text: cut.slice(0, over.offset), finishReason: "length" };
  }
  return stopWord === undefined ? { text: cut, finishReason: "stop" } : { text: cut, finishReason: "stop", stopWord };
}
