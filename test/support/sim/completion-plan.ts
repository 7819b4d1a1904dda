/**
 * A completions request read under a family's rules: what it refuses (with the family's status
 * and words), what it silently drops, and what is left to generate.
 */
import { z } from "zod";
import { resolveModel, stopList } from "./context.js";
import { checkN, isRefusal, refuse } from "./families.js";
import { HttpError, validate } from "./http.js";
import type { RouteContext } from "./context.js";

const Schema = z.object({
  model: z.string().optional(),
  prompt: z.union([z.string(), z.array(z.string())]),
  n: z.number().int().min(1).nullish(),
  best_of: z.number().int().nullish(),
  temperature: z.number().min(0).nullish(),
  seed: z.number().int().nullish(),
  max_tokens: z.number().int().min(0).nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  echo: z.boolean().nullish(),
  logprobs: z.number().int().min(0).nullish(),
  suffix: z.string().nullish(),
  stream: z.boolean().nullish(),
});

/** What is left of a request once the family has had its say. */
export interface CompletionPlan {
  /** The name the answer carries. */
  readonly model: string;
  readonly prompts: readonly string[];
  /** The prompt came as a list. */
  readonly list: boolean;
  /** Samples per prompt. */
  readonly n: number;
  /** The prompt is echoed (and, with `logprobs`, scored). */
  readonly echo: boolean;
  /** Top log-probs asked for and returned (undefined: none, or the family drops them). */
  readonly logprobs: number | undefined;
  /** A suffix the model fills towards. */
  readonly fillSuffix: string | undefined;
  /** Token limit (undefined: none). */
  readonly maxTokens: number | undefined;
  readonly temperature: number;
  readonly requestSeed: number | undefined;
  readonly stop: readonly string[];
}

/** llama.cpp's own words for a `prompt` that is neither text nor a list of texts. */
const LLAMA_BAD_PROMPT = '"prompt" elements must be a string, a list of tokens, a JSON object containing a prompt string, or a list of mixed strings & tokens.';

/** Read `raw` as a completions request of `ctx`'s family, or throw its refusal. */
export function planCompletion(ctx: RouteContext, raw: unknown): CompletionPlan {
  const { rules } = ctx;
  if (
    rules.dialect === "ollama" &&
    typeof raw === "object" &&
    raw !== null &&
    Array.isArray((raw as { prompt?: unknown }).prompt) &&
    isRefusal(rules.promptLists)
  ) {
    refuse(rules.promptLists); // Go fails to decode the body before anything else is looked at.
  }
  const parsed = Schema.safeParse(raw);
  if (!parsed.success && rules.dialect === "llamacpp" && parsed.error.issues.some((i) => i.path[0] === "prompt")) throw new HttpError(400, LLAMA_BAD_PROMPT);
  const req = parsed.success ? parsed.data : validate(Schema, raw);
  const model = resolveModel(ctx, req.model);
  if (req.stream === true) throw new HttpError(400, "stream is not supported by the simulator");
  const list = typeof req.prompt !== "string";
  const prompts = typeof req.prompt === "string" ? [req.prompt] : req.prompt;
  if (list && isRefusal(rules.promptLists)) refuse(rules.promptLists);
  if (prompts.length === 0) throw new HttpError(400, "prompt must not be empty");
  if (prompts.length > ctx.maxPrompts) throw new HttpError(400, `at most ${ctx.maxPrompts} prompts are allowed in one request, got ${prompts.length}`);

  // llama.cpp 2025 checks in this order: unsupported params, then echo, then n.
  if (req.best_of !== undefined && req.best_of !== null && isRefusal(rules.bestOf)) refuse(rules.bestOf);
  const suffix = req.suffix ?? undefined;
  if (suffix !== undefined && isRefusal(rules.suffix)) refuse(rules.suffix);
  const logprobsAsked = req.logprobs ?? undefined;
  const echoAsked = req.echo === true;
  if (echoAsked && isRefusal(rules.echo)) refuse(rules.echo);
  if (echoAsked && typeof rules.echo === "object" && "withLogprobs" in rules.echo && logprobsAsked !== undefined) refuse(rules.echo.withLogprobs);
  const nAsked = req.n ?? 1;
  const temperature = req.temperature ?? 1;
  checkN(rules, nAsked, temperature);
  if (logprobsAsked !== undefined && rules.completionLogprobs !== "dropped" && logprobsAsked > rules.maxCompletionLogprobs) {
    throw new HttpError(400, `logprobs must be at most ${rules.maxCompletionLogprobs}, got ${logprobsAsked}`);
  }
  if (suffix !== undefined && suffix !== "" && rules.suffix === "insert-template" && !ctx.insert)
    throw new HttpError(400, `"${model}" does not support insert`);

  let maxTokens = req.max_tokens ?? rules.defaultMaxTokens;
  if (maxTokens === 0) {
    const zero = rules.maxTokensZero;
    if (isRefusal(zero)) refuse(zero);
    if (typeof zero === "object" && !echoAsked) refuse(zero.withoutEcho);
    if (zero === "one-token") maxTokens = 1;
  }
  const fills = rules.suffix === "fill" || rules.suffix === "insert-template";
  return {
    model,
    prompts,
    list,
    n: rules.n === "ignore" ? 1 : nAsked,
    echo: echoAsked && rules.echo !== "ignore",
    logprobs: rules.completionLogprobs === "dropped" ? undefined : logprobsAsked,
    fillSuffix: suffix !== undefined && suffix !== "" && fills ? suffix : undefined,
    maxTokens,
    temperature,
    requestSeed: rules.seed ? (req.seed ?? undefined) : undefined,
    stop: stopList(req.stop),
  };
}
