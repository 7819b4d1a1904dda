/**
 * `POST /v1/chat/completions`: the last user message is the prompt (a system message its
 * instruction); generated-token log-probs, and vLLM's prompt log-probs.
 */
import { z } from "zod";
import { resolveModel, stopList } from "./context.js";
import { chatBody } from "./envelope.js";
import { checkN, isRefusal, MAX_CHAT_TOP_LOGPROBS, refuse } from "./families.js";
import { finish } from "./finish.js";
import { HttpError, validate } from "./http.js";
import { chatShape, generatedLogprobs, promptLogprobs, promptLogprobsShape } from "./logprobs.js";
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
  prompt_logprobs: z.number().int().nullish(),
  continue_final_message: z.boolean().nullish(),
  add_generation_prompt: z.boolean().nullish(),
});

function text(content: z.infer<typeof Content>): string {
  if (content === undefined || content === null) return "";
  if (typeof content === "string") return content;
  return content.map((part) => part.text ?? "").join("");
}

/**
 * The prompt a chat request stands for: its last user message; with a system message, that message
 * is the instruction of an evaluation (the user message its input, or its `Input:` lines).
 */
function chatPrompt(messages: z.infer<typeof Schema>["messages"]): string {
  const user = text(messages.filter((m) => m.role === "user").at(-1)?.content);
  const system = messages
    .filter((m) => m.role === "system")
    .map((m) => text(m.content))
    .join("\n");
  if (system === "") return user;
  return /^Input:/m.test(user) ? `${system}\n${user}` : `Instruction: ${system}\nInput: ${user.trim()}\nOutput:`;
}

/**
 * vLLM's `prompt_logprobs` of a chat request: the prompt it stands for (see chatPrompt) and, with
 * `continue_final_message`, the last assistant message after it, scored as an echo would be (an
 * evaluation's answer by the instruction's quality).
 */
function scoredPrompt(ctx: RouteContext, req: z.infer<typeof Schema>): ReturnType<typeof promptLogprobsShape> {
  const last = req.messages.at(-1);
  const reply = req.continue_final_message === true && last?.role === "assistant" ? text(last.content) : undefined;
  const prompt = reply === undefined ? chatPrompt(req.messages) : `${chatPrompt(req.messages.slice(0, -1))} ${reply}`;
  return promptLogprobsShape(ctx.model.seed, promptLogprobs(ctx.model.world, ctx.model.seed, prompt));
}

/** The token limit of a chat request under the family's `max_tokens: 0` rule. */
function tokenLimit(ctx: RouteContext, asked: number | undefined): number | undefined {
  if (asked !== 0) return asked;
  const zero = ctx.rules.maxTokensZero;
  if (isRefusal(zero)) refuse(zero);
  if (typeof zero === "object") refuse(zero.withoutEcho);
  return zero === "one-token" ? 1 : 0;
}

/** Handle a chat request under the family's rules. */
export function chat(ctx: RouteContext, raw: unknown): RouteResult {
  const { rules } = ctx;
  const req = validate(Schema, raw);
  const model = resolveModel(ctx, req.model);
  if (req.stream === true) throw new HttpError(400, "stream is not supported by the simulator");
  const nAsked = req.n ?? 1;
  const temperature = req.temperature ?? 1;
  checkN(rules, nAsked, temperature);
  const n = rules.n === "ignore" ? 1 : nAsked;
  const top = req.top_logprobs ?? undefined;
  if (top !== undefined && top > MAX_CHAT_TOP_LOGPROBS) throw new HttpError(400, `top_logprobs must be at most ${MAX_CHAT_TOP_LOGPROBS}, got ${top}`);
  if (top !== undefined && req.logprobs !== true) throw new HttpError(400, "top_logprobs needs logprobs: true");
  const prompt = chatPrompt(req.messages);
  const promptTokens = req.messages.reduce((sum, m) => sum + countTokens(text(m.content)), 0);
  const requestSeed = rules.seed ? (req.seed ?? undefined) : undefined;
  const maxTokens = tokenLimit(ctx, req.max_completion_tokens ?? req.max_tokens ?? undefined);
  const stop = stopList(req.stop);

  const choices = Array.from({ length: n }, (_, j) => {
    const out = sample(ctx.model, { kind: "text", prompt }, { temperature, requestSeed, sampleIndex: j }, true);
    const done = maxTokens === 0 ? { text: "", finishReason: "length" as const } : finish(out.text, stop, maxTokens);
    const lp =
      req.logprobs === true
        ? chatShape(
            ctx.model.seed,
            generatedLogprobs(done.text, (t, i) => out.logprobOf(t, i)),
            top ?? 0,
            rules.dialect === "llamacpp",
          )
        : null;
    return { index: j, content: done.text, logprobs: lp, finishReason: done.finishReason, tokens: countTokens(done.text) };
  });
  const completionTokens = choices.reduce((sum, c) => sum + c.tokens, 0);
  // llama.cpp reports one choice's usage however many it made.
  const reported = { prompt: promptTokens, completion: rules.usageSummed ? completionTokens : (choices[0]?.tokens ?? 0) };
  const body = chatBody(ctx, model, choices, reported, req.logprobs === true);
  const scored = rules.chatPromptLogprobs && typeof req.prompt_logprobs === "number" ? scoredPrompt(ctx, req) : undefined;
  return { body: scored ? { ...(body as object), prompt_logprobs: scored } : body, prompts: 1, choices: n, promptTokens, completionTokens };
}
