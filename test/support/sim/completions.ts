/** `POST /v1/completions`: raw continuation, echo log-probs, suffix fill, lists of prompts. */
import { z } from "zod";
import { CREATED, resolveModel, stopList, usage } from "./context.js";
import { finish } from "./finish.js";
import { HttpError, validate } from "./http.js";
import { chatShape, generatedLogprobs, promptLogprobs, standardShape } from "./logprobs.js";
import { sample } from "./model.js";
import { countTokens } from "./tokens.js";
import type { RouteContext, RouteResult } from "./context.js";
import type { Ask } from "./model.js";

const Schema = z.object({
  model: z.string().optional(),
  prompt: z.union([z.string(), z.array(z.string())]),
  n: z.number().int().min(1).nullish(),
  temperature: z.number().min(0).nullish(),
  seed: z.number().int().nullish(),
  max_tokens: z.number().int().min(0).nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  echo: z.boolean().nullish(),
  logprobs: z.number().int().min(0).nullish(),
  suffix: z.string().nullish(),
  stream: z.boolean().nullish(),
});

/** Completions `max_tokens` when the request gives none, as OpenAI and vLLM. */
const DEFAULT_MAX_TOKENS = 16;

/** Handle a completions request under the family's rules. */
export function completions(ctx: RouteContext, raw: unknown): RouteResult {
  const { rules } = ctx;
  if (!rules.completions) throw new HttpError(404, "This model is only supported in v1/chat/completions.", "invalid_request_error", "not_found");
  const req = validate(Schema, raw);
  const model = resolveModel(ctx, req.model);
  if (req.stream === true) throw new HttpError(400, "stream is not supported by the simulator");
  const prompts = typeof req.prompt === "string" ? [req.prompt] : req.prompt;
  if (typeof req.prompt !== "string" && !rules.promptLists) throw new HttpError(400, "prompt must be a string");
  if (prompts.length === 0) throw new HttpError(400, "prompt must not be empty");
  if (prompts.length > ctx.maxPrompts) throw new HttpError(400, `at most ${ctx.maxPrompts} prompts are allowed in one request, got ${prompts.length}`);
  const echo = req.echo === true;
  const logprobs = req.logprobs ?? undefined;
  if (echo && (rules.echo === "refuse" || (rules.echo === "refuse-with-logprobs" && logprobs !== undefined))) {
    throw new HttpError(400, rules.echoMessage);
  }
  if (logprobs !== undefined && logprobs > rules.maxCompletionLogprobs) {
    throw new HttpError(400, `logprobs must be at most ${rules.maxCompletionLogprobs}, got ${logprobs}`);
  }
  let n = req.n ?? 1;
  if (n !== 1 && rules.n === "refuse") throw new HttpError(400, "Only one completion choice is allowed");
  if (rules.n === "ignore") n = 1;
  const suffix = req.suffix ?? undefined;
  if (suffix !== undefined && rules.suffix === "refuse") throw new HttpError(400, rules.suffixMessage);
  const fillSuffix = suffix !== undefined && rules.suffix === "fill" ? suffix : undefined;
  const temperature = req.temperature ?? 1;
  const requestSeed = rules.seed ? (req.seed ?? undefined) : undefined;
  const stop = stopList(req.stop);
  const maxTokens = req.max_tokens ?? DEFAULT_MAX_TOKENS;

  const choices: unknown[] = [];
  let promptTokens = 0;
  let completionTokens = 0;
  prompts.forEach((prompt, pi) => {
    promptTokens += countTokens(prompt) + (fillSuffix === undefined ? 0 : countTokens(fillSuffix));
    const ask: Ask = fillSuffix === undefined ? { kind: "text", prompt } : { kind: "fill", prefix: prompt, suffix: fillSuffix };
    for (let j = 0; j < n; j++) {
      const out = sample(ctx.model, ask, { temperature, requestSeed, sampleIndex: j }, false);
      const done = maxTokens === 0 ? { text: "", finishReason: "length" as const } : finish(out.text, stop, maxTokens);
      completionTokens += countTokens(done.text);
      let lp: unknown = null;
      if (logprobs !== undefined) {
        const generated = generatedLogprobs(done.text, (t, i) => out.logprobOf(t, i));
        if (rules.completionLogprobShape === "chat") {
          lp = chatShape(ctx.model.seed, generated, logprobs, ctx.family === "llamacpp");
        } else {
          const echoed = echo ? promptLogprobs(ctx.model.world, ctx.model.seed, prompt) : [];
          const head = standardShape(ctx.model.seed, echoed, logprobs, 0, rules.textOffsets);
          const tail = standardShape(ctx.model.seed, generated, logprobs, prompt.length, rules.textOffsets);
          lp = {
            tokens: [...head.tokens, ...tail.tokens],
            token_logprobs: [...head.token_logprobs, ...tail.token_logprobs],
            top_logprobs: [...head.top_logprobs, ...tail.top_logprobs],
            text_offset: [...head.text_offset, ...tail.text_offset],
          };
        }
      }
      choices.push({ index: pi * n + j, text: echo ? prompt + done.text : done.text, logprobs: lp, finish_reason: done.finishReason });
    }
  });
  const body = {
    id: ctx.nextId("cmpl"),
    object: "text_completion",
    created: CREATED,
    model,
    choices,
    usage: usage(promptTokens, completionTokens),
  };
  return { body, prompts: prompts.length, choices: choices.length, promptTokens, completionTokens };
}
