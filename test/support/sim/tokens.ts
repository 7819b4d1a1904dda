/**
 * Tokenization with tiktoken's `cl100k_base`, so token counts and token boundaries look like a
 * real server's. Special-token strings (`<|fim_prefix|>` …) are encoded as single special tokens.
 */
import { get_encoding, type Tiktoken } from "@dqbd/tiktoken";

/** One token of a text, with where it starts in the text (in UTF-16 code units). */
export interface Token {
  readonly id: number;
  /** The token decoded alone (a partial UTF-8 sequence decodes to U+FFFD). */
  readonly text: string;
  readonly bytes: readonly number[];
  readonly offset: number;
}

let encoding: Tiktoken | undefined;
const decoder = new TextDecoder();

function enc(): Tiktoken {
  encoding ??= get_encoding("cl100k_base");
  return encoding;
}

/** Token ids of `text`. */
export function encodeIds(text: string): number[] {
  return [...enc().encode(text, "all")];
}

/** The FIM markers a model with FIM tokens has as single special tokens. */
export const FIM_MARKERS = ["<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>"] as const;

/** The id a tokenizer puts first when asked to add special tokens (the simulated model's BOS). */
export const BOS_ID = 100257;

/**
 * Token ids of `text` as a server's tokenizer endpoint shows them: special-token text becomes one
 * token only for the FIM markers of a model that has them (`fim`); anything else is plain text.
 */
export function encodeAsServer(text: string, fim: boolean): number[] {
  return [...enc().encode(text, fim ? [...FIM_MARKERS] : [], [])];
}

/** Number of tokens in `text`. */
export function countTokens(text: string): number {
  return text === "" ? 0 : enc().encode(text, "all").length;
}

/** Split `text` (or its given token `ids`) into tokens with their decoded text, bytes and character offsets. */
export function tokenize(text: string, ids: Iterable<number> = enc().encode(text, "all")): Token[] {
  const charAtByte = byteToCharMap(text);
  const tokens: Token[] = [];
  let byteOffset = 0;
  for (const id of ids) {
    const bytes = enc().decode_single_token_bytes(id);
    tokens.push({ id, text: decoder.decode(bytes), bytes: [...bytes], offset: charAtByte(byteOffset) });
    byteOffset += bytes.length;
  }
  return tokens;
}

/** The text of one token id (used for made-up alternatives in top log-probs). */
export function tokenText(id: number): string {
  return decoder.decode(enc().decode_single_token_bytes(id));
}

function byteToCharMap(text: string): (byteOffset: number) => number {
  const starts: number[] = [];
  let chars = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch, "utf8");
    for (let i = 0; i < size; i++) starts.push(chars);
    chars += ch.length;
  }
  return (byteOffset) => starts[byteOffset] ?? chars;
}
