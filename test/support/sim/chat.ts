/** `POST /v1/chat/completions`: the last user message is the prompt; generated-token log-probs. */
import { z } from "zod";
import { CREATED, resolveModel, stopList, usage } from "./context.js";
import { MAX_CHAT_TOP_LOGPROBS } from "./families.js";
import { finish } from "./finish.js";
import { HttpError, validate } from "./http.js";
import { chatShape, generatedLogprobs } from "./logprobs.js";
import { sample } from "./model.js";
import { countTokens } from "./tokens.js";
import type { RouteContext, RouteResult } from "./context.js";

const Content = z.union([z.string(), z.array(z.object({ type: z.string(), text: z.string().optional() }))]).nullish();

const Schema = z.object({
  model: z.string().optional(),
  messages: z.array(z.object({ role: z.string(), content: Content })).min(1),
  n: z.number().int().min(1).nullish(),
  temperature: z.number().min(0).nullish(),
  seed: z.number().int().nullish(),
  max_tokens: z.number().int().min(0).nullish(),
  max_completion_tokens: z.number().int().min(0).nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.number().int().min(0).nullish(),
  stream: z.boolean().nullish(),
});

function text(content: z.infer<typeof Content>): string {
  if (content === undefined || content === null) return "";
  if (typeof content === "string") return content;
  return content.map((part) => part.text ?? "").join("");
}

/** Handle a chat request under the family's rules. */
export function chat(ctx: RouteContext, raw: unknown): RouteResult {
  const { rules } = ctx;
  const req = validate(Schema, raw);
  const model = resolveModel(ctx, req.model);
  if (req.stream === true) throw new HttpError(400, "stream is not supported by the simulator");
  let n = req.n ?? 1;
  if (n !== 1 && rules.n === "refuse") throw new HttpError(400, "Only one completion choice is allowed");
  if (rules.n === "ignore") n = 1;
  const top = req.top_logprobs ?? undefined;
  if (top !== undefined && top > MAX_CHAT_TOP_LOGPROBS) throw new HttpError(400, `top_logprobs must be at most ${MAX_CHAT_TOP_LOGPROBS}, got ${top}`);
  if (top !== undefined && req.logprobs !== true) throw new HttpError(400, "top_logprobs needs logprobs: true");
  const lastUser = req.messages.filter((m) => m.role === "user").at(-1);
  const prompt = text(lastUser?.content);
  const promptTokens = req.messages.reduce((sum, m) => sum + countTokens(text(m.content)), 0);
  const temperature = req.temperature ?? 1;
  const requestSeed = rules.seed ? (req.seed ?? undefined) : undefined;
  const maxTokens = req.max_completion_tokens ?? req.max_tokens ?? undefined;
  const stop = stopList(req.stop);

  const choices: unknown[] = [];
  let completionTokens = 0;
  for (let j = 0; j < n; j++) {
    const out = sample(ctx.model, { kind: "text", prompt }, { temperature, requestSeed, sampleIndex: j }, true);
    const done = finish(out.text, stop, maxTokens);
    completionTokens += countTokens(done.text);
    const lp = req.logprobs === true ? chatShape(ctx.model.seed, generatedLogprobs(done.text, (t, i) => out.logprobOf(t, i)), top ?? 0, false) : null;
    choices.push({ index: j, message: { role: "assistant", content: done.text }, logprobs: lp, finish_reason: done.finishReason });
  }
  const body = { id: ctx.nextId("chatcmpl"), object: "chat.completion", created: CREATED, model, choices, usage: usage(promptTokens, completionTokens) };
  return { body, prompts: 1, choices: n, promptTokens, completionTokens };
}
