/**
 * One sample of generated text on one context sequence: reuse the cached prompt prefix, sample
 * with the request's temperature and seed, stop at an end-of-generation token, a stop string or
 * `maxTokens`.
 */
import type { LlamaContextSequence, LlamaModel, Token } from "node-llama-cpp";
import { CancelledError } from "../../errors.js";
import { alignCache, tokensToKeep, type EvalStats, type TruncatableCache } from "./prefix-scorer.js";

/** A pooled sequence: its cache view plus the native sequence that generates. */
export interface GeneratingSequence extends TruncatableCache {
  readonly native: LlamaContextSequence;
}

/** What to sample. */
export interface SampleSettings {
  readonly temperature: number;
  readonly maxTokens: number;
  readonly stop: readonly string[];
  /** Seed of this sample's sampler. */
  readonly seed: number;
}

/** One sample's text and how many tokens it took. */
export interface Sample {
  readonly text: string;
  readonly completionTokens: number;
}

/** Cut `text` at the first occurrence of any stop string; `undefined` when none occurs. */
export function cutAtStop(text: string, stop: readonly string[]): string | undefined {
  let cut: number | undefined;
  for (const s of stop) {
    if (s === "") continue;
    const at = text.indexOf(s);
    if (at >= 0 && (cut === undefined || at < cut)) cut = at;
  }
  return cut === undefined ? undefined : text.slice(0, cut);
}

/** Generate one sample after `prompt` (which must be non-empty) on `sequence`. */
export async function sampleText(
  model: LlamaModel,
  sequence: GeneratingSequence,
  prompt: readonly number[],
  settings: SampleSettings,
  reuse: boolean,
  stats: EvalStats,
  signal: AbortSignal | undefined,
): Promise<Sample> {
  if (settings.maxTokens <= 0) return { text: "", completionTokens: 0 };
  await alignCache(sequence, tokensToKeep(sequence.contextTokens, prompt, prompt.length - 1, reuse), prompt.length, stats);
  const keep = sequence.contextTokens.length;
  const tail = prompt.slice(-16) as Token[];
  const generated: Token[] = [];
  let text = "";
  const iterator = sequence.native.evaluate(prompt.slice(keep) as Token[], {
    temperature: settings.temperature,
    seed: settings.seed,
  });
  for await (const token of iterator) {
    if (signal?.aborted === true) throw new CancelledError();
    if (model.isEogToken(token)) break;
    generated.push(token);
    stats.tokensEvaluated++;
    text = model.detokenize(generated, false, tail);
    const cut = cutAtStop(text, settings.stop);
    if (cut !== undefined) return { text: cut, completionTokens: generated.length };
    if (generated.length >= settings.maxTokens) break;
  }
  return { text, completionTokens: generated.length };
}
