/**
 * llama.cpp's `POST /infill`: fill between `input_prefix` and `input_suffix` in its native shape.
 * The model must have FIM tokens (the server option `fim: true`), else 501. `max_tokens` and
 * `n_predict` both limit it, and `stop` ends it (`stop_type: "word"`).
 */
import { z } from "zod";
import { servedModel } from "./context.js";
import { llamaTimings } from "./envelope.js";
import { finish } from "./finish.js";
import { HttpError, validate } from "./http.js";
import { generationSettings } from "./llamacpp-info.js";
import { sample } from "./model.js";
import { countTokens } from "./tokens.js";
import type { RouteContext, RouteResult } from "./context.js";

const Infill = z.object({
  input_prefix: z.string().nullish(),
  input_suffix: z.string().nullish(),
  input_extra: z.array(z.object({ filename: z.string().optional(), text: z.string() })).nullish(),
  prompt: z.string().nullish(),
  max_tokens: z.number().int().nullish(),
  n_predict: z.number().int().nullish(),
  temperature: z.number().min(0).nullish(),
  top_k: z.number().nullish(),
  top_p: z.number().nullish(),
  min_p: z.number().nullish(),
  seed: z.number().int().nullish(),
  stop: z.array(z.string()).nullish(),
});

/** What llama.cpp says when the model lacks the FIM tokens. */
const NO_FIM = "Infill is not supported by this model: prefix token is missing. suffix token is missing. middle token is missing. ";

/** Handle `/infill`. */
export function infill(ctx: RouteContext, raw: unknown): RouteResult {
  if (!ctx.model.fim) throw new HttpError(501, NO_FIM);
  const req = validate(Infill, raw);
  const prefix = (req.input_prefix ?? "") + (req.prompt ?? "");
  const suffix = req.input_suffix ?? "";
  const extra = (req.input_extra ?? []).map((e) => e.text).join("");
  const temperature = req.temperature ?? 0.8;
  const out = sample(ctx.model, { kind: "fill", prefix, suffix }, { temperature, requestSeed: req.seed ?? undefined, sampleIndex: 0 }, false);
  // llama.cpp reads `n_predict`, falling back to `max_tokens`; negative means no limit.
  const asked = req.n_predict ?? req.max_tokens ?? -1;
  const done = finish(out.text, req.stop ?? [], asked < 0 ? undefined : asked);
  const prompt = `<s>${extra}<|fim_prefix|>${req.input_prefix ?? ""}<|fim_suffix|>${suffix}<|fim_middle|>${req.prompt ?? ""}`;
  const promptTokens = countTokens(extra) + countTokens(prefix) + countTokens(suffix) + 4;
  const predicted = countTokens(done.text);
  const body = {
    index: 0,
    content: done.text,
    tokens: [],
    id_slot: 0,
    stop: true,
    model: servedModel(ctx),
    tokens_predicted: predicted,
    tokens_evaluated: promptTokens,
    generation_settings: generationSettings({
      seed: req.seed,
      temperature,
      top_k: req.top_k,
      top_p: req.top_p,
      min_p: req.min_p,
      stop: req.stop,
      limit: asked,
    }),
    prompt,
    has_new_line: done.text.includes("\n"),
    truncated: false,
    stop_type: done.stopWord !== undefined ? "word" : done.finishReason === "length" ? "limit" : "eos",
    stopping_word: done.stopWord ?? "",
    tokens_cached: promptTokens + predicted - 1,
    timings: llamaTimings(promptTokens, predicted),
  };
  return { body, prompts: 1, choices: 1, promptTokens, completionTokens: predicted };
}
