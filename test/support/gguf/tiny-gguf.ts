/**
 * `makeTinyGguf`: a llama-architecture GGUF with random f32 weights (2 layers, width 64) and a small
 * SentencePiece vocabulary, for tests that need a real model on CPU. Same options → same bytes.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { encodeGguf, type GgufTensor, type GgufValue } from "./gguf-writer.js";
import { TINY_FIM, tinyVocab } from "./tiny-vocab.js";
import { mulberry32 } from "../../../src/random.js";

/** Options of the tiny model. */
export interface TinyGgufOptions {
  /** Seed of the weights. @default 1 */
  readonly seed?: number;
  /** Add Qwen-style `<|fim_prefix|>`/`<|fim_suffix|>`/`<|fim_middle|>` control tokens. @default false */
  readonly fim?: boolean;
  /** A Jinja chat template stored as `tokenizer.chat_template`. @default none */
  readonly chatTemplate?: string;
  /** Add the ChatML control tokens `<|im_start|>` and `<|im_end|>` (give a ChatML `chatTemplate` with them). @default false */
  readonly chatml?: boolean;
  /** Byte tokens for 0x00-0x7F only, so sampled text is always valid UTF-8 (as llama-server needs). @default false */
  readonly asciiBytes?: boolean;
  /** Standard deviation of the random weights. @default 0.3 */
  readonly sigma?: number;
}

const N_EMBD = 64;
const N_FF = 128;
const N_LAYER = 2;
const N_HEAD = 4;
const N_HEAD_KV = 2;
const CONTEXT = 2048;

/** The bytes of the tiny model. */
export function tinyGgufBytes(options: TinyGgufOptions = {}): Buffer {
  const rand = mulberry32(options.seed ?? 1);
  const sigma = options.sigma ?? 0.3;
  const normal = (): number => {
    const u = Math.max(rand(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
  const vocab = tinyVocab({ fim: options.fim === true, chatml: options.chatml === true, asciiBytes: options.asciiBytes === true });
  const nVocab = vocab.length;
  const nEmbdKv = (N_EMBD / N_HEAD) * N_HEAD_KV;
  const noise = (rows: number, cols: number, name: string): GgufTensor => {
    const data = new Float32Array(rows * cols);
    for (let i = 0; i < data.length; i++) data[i] = normal() * sigma;
    return { name, dims: [cols, rows], data };
  };
  const ones = (n: number, name: string): GgufTensor => ({ name, dims: [n], data: new Float32Array(n).fill(1) });

  const tensors: GgufTensor[] = [noise(nVocab, N_EMBD, "token_embd.weight"), ones(N_EMBD, "output_norm.weight"), noise(nVocab, N_EMBD, "output.weight")];
  for (let l = 0; l < N_LAYER; l++) {
    const p = `blk.${l}.`;
    tensors.push(
      ones(N_EMBD, `${p}attn_norm.weight`),
      noise(N_EMBD, N_EMBD, `${p}attn_q.weight`),
      noise(nEmbdKv, N_EMBD, `${p}attn_k.weight`),
      noise(nEmbdKv, N_EMBD, `${p}attn_v.weight`),
      noise(N_EMBD, N_EMBD, `${p}attn_output.weight`),
      ones(N_EMBD, `${p}ffn_norm.weight`),
      noise(N_FF, N_EMBD, `${p}ffn_gate.weight`),
      noise(N_FF, N_EMBD, `${p}ffn_up.weight`),
      noise(N_EMBD, N_FF, `${p}ffn_down.weight`),
    );
  }

  const md = new Map<string, GgufValue>([
    ["general.architecture", { type: "string", value: "llama" }],
    ["general.name", { type: "string", value: "ape-tiny" }],
    ["general.alignment", { type: "u32", value: 32 }],
    ["llama.context_length", { type: "u32", value: CONTEXT }],
    ["llama.embedding_length", { type: "u32", value: N_EMBD }],
    ["llama.block_count", { type: "u32", value: N_LAYER }],
    ["llama.feed_forward_length", { type: "u32", value: N_FF }],
    ["llama.attention.head_count", { type: "u32", value: N_HEAD }],
    ["llama.attention.head_count_kv", { type: "u32", value: N_HEAD_KV }],
    ["llama.rope.dimension_count", { type: "u32", value: N_EMBD / N_HEAD }],
    ["llama.attention.layer_norm_rms_epsilon", { type: "f32", value: 1e-5 }],
    ["llama.vocab_size", { type: "u32", value: nVocab }],
    ["tokenizer.ggml.model", { type: "string", value: "llama" }],
    ["tokenizer.ggml.tokens", { type: "string[]", value: vocab.map((v) => v.piece) }],
    ["tokenizer.ggml.scores", { type: "f32[]", value: vocab.map((v) => v.score) }],
    ["tokenizer.ggml.token_type", { type: "i32[]", value: vocab.map((v) => v.type) }],
    ["tokenizer.ggml.unknown_token_id", { type: "u32", value: 0 }],
    ["tokenizer.ggml.bos_token_id", { type: "u32", value: 1 }],
    ["tokenizer.ggml.eos_token_id", { type: "u32", value: 2 }],
    ["tokenizer.ggml.add_bos_token", { type: "bool", value: true }],
    ["tokenizer.ggml.add_eos_token", { type: "bool", value: false }],
  ]);
  if (options.fim === true) {
    // llama.cpp finds FIM tokens by these keys (and by well-known texts); name them as real FIM models do.
    const id = (piece: string): number => vocab.findIndex((v) => v.piece === piece);
    md.set("tokenizer.ggml.fim_pre_token_id", { type: "u32", value: id(TINY_FIM.prefix) });
    md.set("tokenizer.ggml.fim_suf_token_id", { type: "u32", value: id(TINY_FIM.suffix) });
    md.set("tokenizer.ggml.fim_mid_token_id", { type: "u32", value: id(TINY_FIM.middle) });
  }
  if (options.chatTemplate !== undefined) md.set("tokenizer.chat_template", { type: "string", value: options.chatTemplate });
  return encodeGguf(md, tensors);
}

/** Write the tiny model to `file` (creating its folder). */
export async function makeTinyGguf(file: string, options: TinyGgufOptions = {}): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, tinyGgufBytes(options));
}
