/** What every route handler is given, and what it hands back for the server to send and count. */
import { unknownModel } from "./dialect.js";
import type { FamilyRules } from "./families.js";
import type { ModelContext } from "./model.js";
import type { SimFamily } from "./types.js";

/** Shared state of one server, as the routes see it. */
export interface RouteContext {
  readonly model: ModelContext;
  readonly family: SimFamily;
  readonly rules: FamilyRules;
  readonly models: readonly string[];
  readonly maxPrompts: number;
  /** Ollama: the model's template supports insert (`suffix`). */
  readonly insert: boolean;
  /** A fresh response id with the given prefix. */
  nextId(prefix: string): string;
}

/** A handled request: the JSON to send and what to count. */
export interface RouteResult {
  readonly body: unknown;
  readonly prompts: number;
  readonly choices: number;
  /** Tokens really processed (all choices), whatever `usage` in the body says. */
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/** A result that generated nothing (model lists, tokenizers, health). */
export function infoResult(body: unknown): RouteResult {
  return { body, prompts: 0, choices: 0, promptTokens: 0, completionTokens: 0 };
}

/** A fixed creation time, so responses are identical run to run. */
export const CREATED = 1_700_000_000;

/** The first served model: llama.cpp's `-m` path. */
export function servedModel(ctx: RouteContext): string {
  return ctx.models[0] ?? "sim-model";
}

/**
 * The model name an answer carries for a request naming `requested`. Families that take any name
 * answer with the served path (llama.cpp) or the name asked for (SGLang); the others 404 a name
 * they do not serve. Ollama adds the `:latest` tag to a bare name.
 */
export function resolveModel(ctx: RouteContext, requested: string | undefined): string {
  if (requested === undefined || requested === "") return servedModel(ctx);
  if (ctx.rules.anyModelName) return ctx.rules.dialect === "llamacpp" ? servedModel(ctx) : requested;
  if (ctx.models.includes(requested)) return requested;
  if (ctx.rules.dialect === "ollama" && !requested.includes(":") && ctx.models.includes(`${requested}:latest`)) return `${requested}:latest`;
  throw unknownModel(ctx.rules.dialect, requested);
}

/** `usage` in OpenAI's shape. */
export function usage(promptTokens: number, completionTokens: number): { prompt_tokens: number; completion_tokens: number; total_tokens: number } {
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}

/** Stop sequences as a list. */
export function stopList(stop: string | readonly string[] | null | undefined): readonly string[] {
  if (stop === undefined || stop === null) return [];
  return typeof stop === "string" ? [stop] : stop;
}
