/**
 * llama.cpp's own routes: `POST /infill` (fill between `input_prefix` and `input_suffix`; the
 * model must have FIM tokens, i.e. the server option `fim: true`, else 501) and `POST /tokenize`.
 */
import { z } from "zod";
import { stopList } from "./context.js";
import { finish } from "./finish.js";
import { HttpError, validate } from "./http.js";
import { sample } from "./model.js";
import { countTokens, encodeIds, tokenize } from "./tokens.js";
import type { RouteContext, RouteResult } from "./context.js";

const Infill = z.object({
  input_prefix: z.string(),
  input_suffix: z.string(),
  prompt: z.string().nullish(),
  n_predict: z.number().int().nullish(),
  temperature: z.number().min(0).nullish(),
  seed: z.number().int().nullish(),
  stop: z.array(z.string()).nullish(),
});

const Tokenize = z.object({ content: z.string(), with_pieces: z.boolean().nullish() });

/** Handle `/infill`. */
export function infill(ctx: RouteContext, raw: unknown): RouteResult {
  if (!ctx.model.fim) throw new HttpError(501, "Infill is not supported by this model: no FIM tokens", "not_supported_error", 501);
  const req = validate(Infill, raw);
  const prefix = req.input_prefix + (req.prompt ?? "");
  const temperature = req.temperature ?? 0.8;
  const out = sample(ctx.model, { kind: "fill", prefix, suffix: req.input_suffix }, { temperature, requestSeed: req.seed ?? undefined, sampleIndex: 0 }, false);
  const limit = req.n_predict === undefined || req.n_predict === null || req.n_predict < 0 ? undefined : req.n_predict;
  const done = finish(out.text, stopList(req.stop), limit);
  const promptTokens = countTokens(prefix) + countTokens(req.input_suffix) + 3;
  const completionTokens = countTokens(done.text);
  const body = {
    index: 0,
    content: done.text,
    model: ctx.models[0] ?? "sim-model",
    stop: true,
    stop_type: done.finishReason === "length" ? "limit" : "eos",
    stopping_word: "",
    tokens_predicted: completionTokens,
    tokens_evaluated: promptTokens,
    truncated: false,
  };
  return { body, prompts: 1, choices: 1, promptTokens, completionTokens };
}

/** Handle `/tokenize`. */
export function tokenizeRoute(raw: unknown): RouteResult {
  const req = validate(Tokenize, raw);
  const tokens = req.with_pieces === true ? tokenize(req.content).map((t) => ({ id: t.id, piece: t.text })) : encodeIds(req.content);
  return { body: { tokens }, prompts: 0, choices: 0, promptTokens: 0, completionTokens: 0 };
}
