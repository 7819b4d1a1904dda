/** `POST /v1/completions`: raw continuation, echo log-probs, suffix fill, lists of prompts. */
import { planCompletion } from "./completion-plan.js";
import { completionBody } from "./envelope.js";
import { finish } from "./finish.js";
import { HttpError } from "./http.js";
import { chatShape, generatedLogprobs, promptLogprobs, standardShape } from "./logprobs.js";
import { sample } from "./model.js";
import { countTokens } from "./tokens.js";
import type { CompletionPlan } from "./completion-plan.js";
import type { RouteContext, RouteResult } from "./context.js";
import type { TextChoice } from "./envelope.js";
import type { Ask } from "./model.js";

/** The samples of one prompt and the tokens they took. */
interface PromptAnswer {
  readonly promptTokens: number;
  readonly choices: readonly (TextChoice & { readonly tokens: number })[];
}

function logprobsOf(ctx: RouteContext, plan: CompletionPlan, prompt: string, text: string, logprobOf: (t: string, i: number) => number): unknown {
  if (plan.logprobs === undefined) return null;
  const generated = generatedLogprobs(text, logprobOf);
  if (ctx.rules.completionLogprobs === "chat") return chatShape(ctx.model.seed, generated, plan.logprobs, ctx.rules.dialect === "llamacpp");
  const echoed = plan.echo ? promptLogprobs(ctx.model.world, ctx.model.seed, prompt) : [];
  const head = standardShape(ctx.model.seed, echoed, plan.logprobs, 0, ctx.rules.textOffsets);
  const tail = standardShape(ctx.model.seed, generated, plan.logprobs, prompt.length, ctx.rules.textOffsets);
  return {
    tokens: [...head.tokens, ...tail.tokens],
    token_logprobs: [...head.token_logprobs, ...tail.token_logprobs],
    top_logprobs: [...head.top_logprobs, ...tail.top_logprobs],
    text_offset: [...head.text_offset, ...tail.text_offset],
  };
}

function answer(ctx: RouteContext, plan: CompletionPlan, prompt: string, pi: number): PromptAnswer {
  const fill = plan.fillSuffix;
  const ask: Ask = fill === undefined ? { kind: "text", prompt } : { kind: "fill", prefix: prompt, suffix: fill };
  const choices = Array.from({ length: plan.n }, (_, j) => {
    const out = sample(ctx.model, ask, { temperature: plan.temperature, requestSeed: plan.requestSeed, sampleIndex: j }, false);
    const done = plan.maxTokens === 0 ? { text: "", finishReason: "length" as const } : finish(out.text, plan.stop, plan.maxTokens);
    return {
      index: pi * plan.n + j,
      text: plan.echo ? prompt + done.text : done.text,
      logprobs: logprobsOf(ctx, plan, prompt, done.text, (t, i) => out.logprobOf(t, i)),
      finishReason: done.finishReason,
      tokens: countTokens(done.text),
    };
  });
  return { promptTokens: countTokens(prompt) + (fill === undefined ? 0 : countTokens(fill)), choices };
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Handle a completions request under the family's rules. */
export function completions(ctx: RouteContext, raw: unknown): RouteResult {
  if (!ctx.rules.completions) throw new HttpError(404, "This model is only supported in v1/chat/completions.", "invalid_request_error", "not_found");
  const plan = planCompletion(ctx, raw);
  const answers = plan.prompts.map((prompt, pi) => answer(ctx, plan, prompt, pi));
  const promptTokens = sum(answers.map((a) => a.promptTokens));
  const completionTokens = sum(answers.flatMap((a) => a.choices.map((c) => c.tokens)));
  const counted = { prompts: plan.prompts.length, choices: plan.prompts.length * plan.n, promptTokens, completionTokens };
  if (plan.list && ctx.rules.promptLists === "array") {
    // One completion object per prompt, each numbering its own choice by the prompt's place.
    const body = answers.map((a) => completionBody(ctx, plan.model, a.choices, { prompt: a.promptTokens, completion: sum(a.choices.map((c) => c.tokens)) }));
    return { body, ...counted };
  }
  const first = answers[0];
  // llama.cpp reports one choice's usage for the whole request; the others sum over everything.
  const reported = ctx.rules.usageSummed
    ? { prompt: promptTokens, completion: completionTokens }
    : { prompt: first?.promptTokens ?? 0, completion: first?.choices[0]?.tokens ?? 0 };
  return {
    body: completionBody(
      ctx,
      plan.model,
      answers.flatMap((a) => a.choices),
      reported,
    ),
    ...counted,
  };
}
