/**
 * The vocabulary of the tiny test model: SentencePiece-style, `<unk> <s> </s>`, the 256 byte
 * tokens, then letters, punctuation and common English words (with every prefix of each word, so
 * the SPM merge can reach the whole word one character at a time).
 */

/** Token types as GGUF stores them. */
export const TOKEN_TYPE = { normal: 1, unknown: 2, control: 3, byte: 6 } as const;

/** Qwen-style FIM markers, added as control tokens when asked for. */
export const TINY_FIM = { prefix: "<|fim_prefix|>", suffix: "<|fim_suffix|>", middle: "<|fim_middle|>" } as const;

const WORDS = (
  "the of and to a in is it you that he was for on are with as I his they be at one have this from " +
  "or had by not word but what some we can out other were all there when up use your how said an each " +
  "she which do their time if will way about many then them write would like so these her long make " +
  "thing see him two has look more day could go come did number sound no most people my over know water " +
  "than call first who may down side been now find any new work part take get place made live where after " +
  "back little only round man year came show every good me give our under name very through just form " +
  "sentence great think say help low line differ turn cause much mean before move right boy old too same " +
  "tell does set three want air well also play small end put home read hand port large spell add even land " +
  "here must big high such follow act why ask men change went light kind off need house picture try us " +
  "again animal point mother world near build self earth father Instruction Input Output antonym opposite " +
  "The What Give hot cold happy sad fast slow yes answer question translate French English word words input output"
).split(" ");

const PUNCT = [".", ",", ":", ";", "!", "?", "'", '"', "-", "(", ")", "\n"];

/** One vocabulary entry. */
export interface VocabEntry {
  readonly piece: string;
  readonly score: number;
  readonly type: number;
}

/** ChatML turn markers, added as control tokens when asked for. */
export const TINY_CHATML = { start: "<|im_start|>", end: "<|im_end|>" } as const;

/** What the vocabulary holds beyond its words. */
export interface TinyVocabOptions {
  /** Add the FIM control tokens ({@link TINY_FIM}) at the end. */
  readonly fim?: boolean;
  /** Add the ChatML control tokens ({@link TINY_CHATML}) at the end. */
  readonly chatml?: boolean;
  /**
   * Byte tokens only for 0x00-0x7F, so that every text the model samples is valid UTF-8 (llama-server
   * answers 500 to generated text that is not).
   */
  readonly asciiBytes?: boolean;
}

/** Build the vocabulary: specials, byte tokens, pieces, then the optional control tokens. */
export function tinyVocab(options: TinyVocabOptions = {}): VocabEntry[] {
  const entries: VocabEntry[] = [
    { piece: "<unk>", score: 0, type: TOKEN_TYPE.unknown },
    { piece: "<s>", score: 0, type: TOKEN_TYPE.control },
    { piece: "</s>", score: 0, type: TOKEN_TYPE.control },
  ];
  for (let b = 0; b < (options.asciiBytes === true ? 128 : 256); b++) {
    entries.push({ piece: `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`, score: 0, type: TOKEN_TYPE.byte });
  }
  const seen = new Set<string>();
  const add = (piece: string): void => {
    if (seen.has(piece)) return;
    seen.add(piece);
    // Longer pieces score higher so whole words win over their fragments.
    entries.push({ piece, score: -1000 + 10 * [...piece].length - seen.size * 0.001, type: TOKEN_TYPE.normal });
  };
  add("▁");
  for (const c of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") add(c);
  for (const p of PUNCT) add(p);
  for (const word of WORDS) {
    const piece = `▁${word}`;
    const chars = [...piece];
    for (let i = 2; i <= chars.length; i++) add(chars.slice(0, i).join(""));
  }
  if (options.fim === true) {
    for (const m of [TINY_FIM.prefix, TINY_FIM.suffix, TINY_FIM.middle]) entries.push({ piece: m, score: 0, type: TOKEN_TYPE.control });
  }
  if (options.chatml === true) {
    for (const m of [TINY_CHATML.start, TINY_CHATML.end]) entries.push({ piece: m, score: 0, type: TOKEN_TYPE.control });
  }
  return entries;
}
