/**
 * The simulated model: given what a request asks (continue a text, or fill a blank), produce the
 * output text of one sample and the log-prob of each of its tokens.
 */
import { unit } from "./hash.js";
import { decorate, freshProposal, isLabelledVariation, variant, variationParent } from "./proposals.js";
import { answerLogprob, evalAnswer, parseEval } from "./world.js";
import { judgeReply, parseJudge } from "./judge.js";
import { merged, mergeAsk, reflection, reflectionAsk, wrapReply } from "./reflection.js";
import type { EvalPrompt, SampleKey } from "./world.js";
import type { SimWorld } from "./types.js";

/** What the simulated model knows and how it was started. */
export interface ModelContext {
  readonly world: SimWorld;
  readonly seed: number;
  /** The model has FIM tokens. */
  readonly fim: boolean;
}

/** What one request asks of the model. */
export type Ask = { readonly kind: "text"; readonly prompt: string } | { readonly kind: "fill"; readonly prefix: string; readonly suffix: string };

/** One sample's output, before stop sequences and `max_tokens` are applied. */
export interface Output {
  readonly text: string;
  /** Log-prob the model gives a token of this output (`index` counts from the first output token). */
  logprobOf(tokenText: string, index: number): number;
}

const FIM = { prefix: "<|fim_prefix|>", suffix: "<|fim_suffix|>", middle: "<|fim_middle|>" } as const;

/** A fixed, deterministic log-prob in [-2.5, -0.05] for text that is not an answer. */
export function plainLogprob(seed: number, tokenText: string, index: number): number {
  return -0.05 - 2.45 * unit(seed, "plain-token", tokenText, index);
}

/** Split a raw FIM prompt into prefix and suffix, if it is one. */
export function parseFim(prompt: string): { prefix: string; suffix: string } | undefined {
  const p = prompt.indexOf(FIM.prefix);
  const s = prompt.indexOf(FIM.suffix);
  const m = prompt.indexOf(FIM.middle);
  if (p < 0 || s < p || m < s) return undefined;
  return { prefix: prompt.slice(p + FIM.prefix.length, s), suffix: prompt.slice(s + FIM.suffix.length, m) };
}

/** Whether `prompt` (a completions prompt or a chat user message) is an evaluation. */
export function evalOf(prompt: string): EvalPrompt | undefined {
  return isLabelledVariation(prompt) ? undefined : parseEval(prompt);
}

function proposalOutput(ctx: ModelContext, proposal: string, key: SampleKey, chat: boolean): Output {
  const text = decorate(proposal, ctx.seed, key, !chat);
  return { text, logprobOf: (t, i) => plainLogprob(ctx.seed, t, i) };
}

function replyOutput(ctx: ModelContext, instruction: string, key: SampleKey, chat: boolean): Output {
  return { text: wrapReply(instruction, ctx.seed, key, !chat), logprobOf: (t, i) => plainLogprob(ctx.seed, t, i) };
}

/** Produce one sample. `chat` answers without the leading space a raw continuation has. */
export function sample(ctx: ModelContext, ask: Ask, key: SampleKey, chat: boolean): Output {
  const { world, seed } = ctx;
  if (ask.kind === "fill") return proposalOutput(ctx, freshProposal(world, seed, ask.prefix + ask.suffix, key), key, chat);
  const { prompt } = ask;
  const judging = parseJudge(prompt);
  if (judging !== undefined) {
    const reply = judgeReply(world, judging);
    return { text: chat ? reply : ` ${reply}`, logprobOf: (t, i) => plainLogprob(seed, t, i) };
  }
  const evaluation = evalOf(prompt);
  if (evaluation !== undefined) {
    const answer = evalAnswer(world, seed, evaluation, key);
    const lp = answerLogprob(world, evaluation, answer);
    return { text: chat ? answer : ` ${answer}`, logprobOf: () => lp };
  }
  const fim = parseFim(prompt);
  if (fim !== undefined) {
    if (ctx.fim) return sample(ctx, { kind: "fill", ...fim }, key, chat);
    const lastLine =
      prompt
        .split("\n")
        .filter((l) => l.trim() !== "")
        .at(-1) ?? "";
    return { text: `\n${lastLine}`, logprobOf: (t, i) => plainLogprob(seed, t, i) };
  }
  const merge = mergeAsk(prompt);
  if (merge !== undefined) return replyOutput(ctx, merged(world, seed, merge.a, merge.b, key), key, chat);
  const reflect = reflectionAsk(prompt);
  if (reflect !== undefined) return replyOutput(ctx, reflection(world, seed, reflect.parent, reflect.failures, key), key, chat);
  const parent = variationParent(prompt);
  if (parent !== undefined) return proposalOutput(ctx, variant(world, seed, parent, key), key, chat);
  return proposalOutput(ctx, freshProposal(world, seed, prompt, key), key, chat);
}
