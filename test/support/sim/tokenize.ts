/**
 * The tokenizer routes: llama.cpp's `POST /tokenize` (`content` → ids, or `{id, piece}` with
 * `with_pieces`) and vLLM's (`{model, prompt}` → `{count, max_model_len, tokens}`, a BOS first
 * unless `add_special_tokens: false`). FIM markers are single tokens only for a model with FIM
 * tokens (`fim: true`), as the real servers show it.
 */
import { z } from "zod";
import { infoResult, resolveModel } from "./context.js";
import { validate } from "./http.js";
import { BOS_ID, encodeAsServer, tokenize, tokenText } from "./tokens.js";
import type { RouteContext, RouteResult } from "./context.js";

/** The context length vLLM reports. */
export const MAX_MODEL_LEN = 4096;

const LlamaTokenize = z.object({ content: z.string(), add_special: z.boolean().nullish(), with_pieces: z.boolean().nullish() });
const VllmTokenize = z.object({ model: z.string().optional(), prompt: z.string(), add_special_tokens: z.boolean().nullish() });

/** llama.cpp's `/tokenize` (no BOS unless `add_special`). */
export function llamaTokenize(ctx: RouteContext, raw: unknown): RouteResult {
  const req = validate(LlamaTokenize, raw);
  const ids = encodeAsServer(req.content, ctx.model.fim);
  const bos = req.add_special === true ? [BOS_ID] : [];
  if (req.with_pieces !== true) return infoResult({ tokens: [...bos, ...ids] });
  const pieces = tokenize(req.content, ids).map((t) => ({ id: t.id, piece: t.text }));
  return infoResult({ tokens: [...bos.map((id) => ({ id, piece: tokenText(id) })), ...pieces] });
}

/** vLLM's `/tokenize` (BOS unless `add_special_tokens: false`; the model name is checked). */
export function vllmTokenize(ctx: RouteContext, raw: unknown): RouteResult {
  const req = validate(VllmTokenize, raw);
  resolveModel(ctx, req.model);
  const tokens = [...(req.add_special_tokens === false ? [] : [BOS_ID]), ...encodeAsServer(req.prompt, ctx.model.fim)];
  return infoResult({ count: tokens.length, max_model_len: MAX_MODEL_LEN, tokens, token_strs: null });
}
