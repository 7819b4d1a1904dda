/** What every route handler is given, and what it hands back for the server to send and count. */
import { HttpError } from "./http.js";
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
  /** A fresh response id with the given prefix. */
  nextId(prefix: string): string;
}

/** A handled request: the JSON to send and what to count. */
export interface RouteResult {
  readonly body: unknown;
  readonly prompts: number;
  readonly choices: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/** A fixed creation time, so responses are identical run to run. */
export const CREATED = 1_700_000_000;

/** The served model a request names (the first served one when it names none); 404 otherwise. */
export function resolveModel(ctx: RouteContext, requested: string | undefined): string {
  if (requested === undefined || requested === "") return ctx.models[0] ?? "sim-model";
  if (!ctx.models.includes(requested)) {
    throw new HttpError(404, `The model \`${requested}\` does not exist.`, "invalid_request_error", "model_not_found");
  }
  return requested;
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
