/**
 * Prices in USD per million tokens, per model. Local servers and in-process models cost nothing;
 * a user can add or override entries with a JSON file (`--prices`) of the same shape.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { UsageError } from "../errors.js";
import { findBackend } from "../model/backends.js";
import type { ModelSpec } from "../model/types.js";
import { option, say } from "../message.js";
import { messageOf } from "../caught.js";

/** Price of one model: USD per million prompt and completion tokens. */
export interface Price {
  readonly input: number;
  readonly output: number;
}

/** Prices by model name (as in the spec, without the backend). */
export type PriceTable = Readonly<Record<string, Price>>;

/** OpenAI list prices as of late 2026 (USD per million tokens). */
export const DEFAULT_PRICES: PriceTable = {
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  "gpt-4o": { input: 2.5, output: 10 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "gpt-4.1": { input: 2, output: 8 },
  "gpt-3.5-turbo-instruct": { input: 1.5, output: 2 },
  "davinci-002": { input: 2, output: 2 },
  "babbage-002": { input: 0.4, output: 0.4 },
};

const priceFile = z.record(z.string(), z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() }).strict());

/** Read a price file and lay it over the defaults. */
export function loadPrices(file: string | undefined): PriceTable {
  if (file === undefined) return DEFAULT_PRICES;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`cannot read the price file ${file}: ${messageOf(error)}`);
  }
  const result = priceFile.safeParse(parsed);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new UsageError(
      `price file ${file}: ${first?.path.join(".") || "(top level)"}: ${first?.message}. Expected {"model": {"input": USD per 1M tokens, "output": USD per 1M tokens}}.`,
    );
  }
  return { ...DEFAULT_PRICES, ...result.data };
}

/**
 * Whether a model's cost is known: it is in the table, or it runs on your own hardware (the
 * in-process gguf backend and the local model servers cost nothing per token). A model of a paid backend (`openai:`)
 * missing from the table is not known, and counts as free until its price is given.
 */
export function priceKnown(spec: ModelSpec, table: PriceTable): boolean {
  return findBackend(spec.backend)?.paid !== true || table[spec.model] !== undefined;
}

/** The price of a model, or zero when it runs locally or is not in the table (see `priceKnown`). */
export function priceOf(spec: ModelSpec, table: PriceTable): Price {
  if (findBackend(spec.backend)?.baseUrl === undefined) return { input: 0, output: 0 };
  return table[spec.model] ?? { input: 0, output: 0 };
}

/**
 * A cost cap needs every paid model's price: refuse one it could not enforce, before anything is
 * called or stored, rather than let an unpriced model spend without limit.
 * @throws UsageError naming the model and the price file that fixes it.
 */
export function checkCostCap(maxCostUsd: number | undefined, specs: readonly ModelSpec[], table: PriceTable): void {
  if (maxCostUsd === undefined) return;
  const unknown = [...new Set(specs.filter((s) => !priceKnown(s, table)).map((s) => s.model))];
  if (unknown.length === 0) return;
  const shape = unknown.map((m) => `${JSON.stringify(m)}: {"input": USD per 1M prompt tokens, "output": USD per 1M completion tokens}`).join(", ");
  throw new UsageError(
    say`${option("budget.maxCostUsd")} cannot be enforced: ape knows no price for ${unknown.join(", ")}. Give it in ${option("prices")} as {${shape}} (or cap with ${option("budget.maxTokens")}).`,
  );
}

/** Cost in USD of a number of tokens at a price. */
export function costOf(price: Price, promptTokens: number, completionTokens: number): number {
  return (promptTokens * price.input + completionTokens * price.output) / 1e6;
}
