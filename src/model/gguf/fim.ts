/**
 * Fill-in-the-middle for in-process models: find the model's FIM tokens (from its metadata, or the
 * Qwen/StarCoder-style markers when each is one special token), lay out a FIM prompt, and the
 * instruction used to emulate fill on models without them.
 */
import type { LlamaModel, Token } from "node-llama-cpp";
import type { FimTokens } from "../types.js";

/** FIM marker strings with their token ids. */
export interface FimTokenIds extends FimTokens {
  readonly ids: { readonly prefix: number; readonly suffix: number; readonly middle: number };
}

const MARKER_SETS: readonly FimTokens[] = [
  { prefix: "<|fim_prefix|>", suffix: "<|fim_suffix|>", middle: "<|fim_middle|>" },
  { prefix: "<fim_prefix>", suffix: "<fim_suffix>", middle: "<fim_middle>" },
];

function singleSpecialToken(model: LlamaModel, text: string): number | undefined {
  const tokens = model.tokenize(text, true);
  if (tokens.length !== 1 || tokens[0] === undefined) return undefined;
  return model.tokenize(text, false).length > 1 ? tokens[0] : undefined;
}

/** The model's FIM tokens, or `undefined` when it has none. */
export function findFimTokens(model: LlamaModel): FimTokenIds | undefined {
  const infill = model.tokens.infill;
  if (infill.prefix !== null && infill.suffix !== null && infill.middle !== null) {
    return {
      prefix: infill.prefixString ?? model.detokenize([infill.prefix], true),
      suffix: infill.suffixString ?? model.detokenize([infill.suffix], true),
      middle: infill.middleString ?? model.detokenize([infill.middle], true),
      ids: { prefix: infill.prefix, suffix: infill.suffix, middle: infill.middle },
    };
  }
  for (const set of MARKER_SETS) {
    const prefix = singleSpecialToken(model, set.prefix);
    const suffix = singleSpecialToken(model, set.suffix);
    const middle = singleSpecialToken(model, set.middle);
    if (prefix !== undefined && suffix !== undefined && middle !== undefined) return { ...set, ids: { prefix, suffix, middle } };
  }
  return undefined;
}

/** Prefix-suffix-middle layout: `<pre> prefix <suf> suffix <mid>`; the model writes the middle. */
export function fimPromptTokens(model: LlamaModel, fim: FimTokenIds, prefix: string, suffix: string): Token[] {
  const bos = model.tokens.bos;
  const head = model.tokens.shouldPrependBosToken && bos !== null ? [bos] : [];
  return [
    ...head,
    fim.ids.prefix as Token,
    ...model.tokenize(prefix, false),
    fim.ids.suffix as Token,
    ...model.tokenize(suffix, false, "trimLeadingSpace"),
    fim.ids.middle as Token,
  ];
}

/** The instruction that emulates fill on a model without FIM tokens. */
export function fillInstruction(prefix: string, suffix: string): string {
  return ["Fill in the blank marked [BLANK] in the text below. Reply with only the missing text, nothing else.", "", `${prefix}[BLANK]${suffix}`].join("\n");
}

/** Remove a prefix or suffix the model echoed around the missing text. */
export function stripEcho(text: string, prefix: string, suffix: string): string {
  let out = text.trim();
  const head = prefix.trim();
  const tail = suffix.trim();
  if (head !== "" && out.startsWith(head)) out = out.slice(head.length);
  if (tail !== "" && out.endsWith(tail)) out = out.slice(0, out.length - tail.length);
  return out.replace(/\[BLANK\]/g, "").trim();
}
