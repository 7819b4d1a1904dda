/**
 * FIM marker sets of the model families known to have them. Which one a server's model has is
 * never guessed from its name: the probe asks the server's tokenizer whether each marker is one token.
 */
import type { FimTokens } from "../types.js";

/** Marker sets tried, in order: Qwen2.5 / Qwen3 coder style, then StarCoder / SantaCoder style. */
export const FIM_FAMILIES: readonly FimTokens[] = [
  { prefix: "<|fim_prefix|>", suffix: "<|fim_suffix|>", middle: "<|fim_middle|>" },
  { prefix: "<fim_prefix>", suffix: "<fim_suffix>", middle: "<fim_middle>" },
];
