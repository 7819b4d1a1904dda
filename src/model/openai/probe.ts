/**
 * Finding out what an OpenAI-compatible server can do, with a few tiny requests made once per run,
 * instead of trusting the backend's name (docs/servers.md lists how servers differ).
 */
import type OpenAI from "openai";
import { ConnectionError, ModelError } from "../../errors.js";
import type { Capabilities, FillPath, FimTokens, ModelSpec } from "../types.js";
import { toApeError } from "./errors.js";
import { DEFAULT_RETRY, isTransient, retrying } from "../retry.js";
import { parseLogprobs } from "./logprobs.js";
import type { Fetch } from "./transport.js";

/** FIM markers of model families known to have them as single special tokens. */
const FIM_FAMILIES: readonly { readonly pattern: RegExp; readonly tokens: FimTokens }[] = [
  { pattern: /qwen2\.5|qwen3|qwen-?coder/i, tokens: { prefix: "<|fim_prefix|>", suffix: "<|fim_suffix|>", middle: "<|fim_middle|>" } },
  { pattern: /starcoder|santacoder/i, tokens: { prefix: "<fim_prefix>", suffix: "<fim_suffix>", middle: "<fim_middle>" } },
];

/** How many prompts one request carries at most, where the server takes lists. */
export const DEFAULT_MAX_BATCH = 16;

/** Probe `client` (talking to `url`) for the capabilities of `spec.model`. */
export async function probeServer(client: OpenAI, spec: ModelSpec, url: string, fetch: Fetch, signal?: AbortSignal): Promise<Capabilities> {
  const model = spec.model;
  const options = signal ? { signal } : {};
  // First contact: a server that is not there fails at once (exit 3); other faults are retried.
  const firstContact = (e: unknown): boolean => isTransient(e) && !(e instanceof ConnectionError);
  await retrying(() => checkModelListed(client, model, url, options), DEFAULT_RETRY, Math.random, signal, undefined, firstContact);

  const works = async (attempt: () => Promise<unknown>): Promise<unknown> => {
    try {
      // A fault that may pass is tried again here, so that it is never read as "not supported".
      return await retrying(async () => {
        try {
          return await attempt();
        } catch (error) {
          throw toApeError(error, url, model);
        }
      }, DEFAULT_RETRY, Math.random, signal);
    } catch (error) {
      const e = toApeError(error, url, model);
      // Only a clear refusal means "not supported"; a fault that may pass fails the probe, which the Gateway retries.
      if (e.exitCode !== 4 || ("transient" in e && e.transient === true)) throw e;
      return undefined;
    }
  };

  // Everything else at once, in one round trip: what a server without completions refuses
  // (echo, lists, suffix) is simply not counted.
  const [completion, echo, chat, list, completionSamples, chatSamples, suffix, infill] = await Promise.all([
    works(() => client.completions.create({ model, prompt: "Hello", max_tokens: 1, temperature: 0 }, options)),
    works(() => client.completions.create({ model, prompt: "Hello world", max_tokens: 0, echo: true, logprobs: 1, temperature: 0 }, options)),
    works(() => client.chat.completions.create({ model, messages: [{ role: "user", content: "Hi" }], max_tokens: 1, temperature: 0 }, options)),
    works(() => client.completions.create({ model, prompt: ["Hello", "Hi"], max_tokens: 1, temperature: 0 }, options)),
    works(() => client.completions.create({ model, prompt: "Hello", max_tokens: 1, temperature: 1, n: 2 }, options)),
    works(() => client.chat.completions.create({ model, messages: [{ role: "user", content: "Hi" }], max_tokens: 1, temperature: 1, n: 2 }, options)),
    spec.backend === "sglang"
      ? undefined // SGLang may ignore `suffix` silently: never trust it.
      : works(() => client.completions.create({ model, prompt: "The", suffix: " end.", max_tokens: 1, temperature: 0 }, options)),
    spec.backend === "llamacpp" ? infillWorks(url, fetch, signal) : false,
  ]);
  const completions = completion !== undefined;
  const samples = completions ? completionSamples : chatSamples;

  const fill: FillPath[] = [];
  if (completions && suffix !== undefined) fill.push("suffix");
  if (infill) fill.push("infill");
  const fimTokens = completions ? FIM_FAMILIES.find((f) => f.pattern.test(model))?.tokens : undefined;
  if (fimTokens) fill.push("fim");
  if (chat !== undefined) fill.push("chat");

  return {
    completions,
    chat: chat !== undefined,
    promptLogprobs: completions && echoCoversPrompt(echo),
    fill,
    fimTokens,
    maxPromptsPerRequest: completions && choiceCount(list) === 2 ? DEFAULT_MAX_BATCH : 1,
    multipleSamples: choiceCount(samples) === 2,
    seed: true,
  };
}

async function checkModelListed(client: OpenAI, model: string, url: string, options: { signal?: AbortSignal }): Promise<void> {
  let ids: string[];
  try {
    const page = await client.models.list(options);
    ids = page.data.map((m) => m.id);
  } catch (error) {
    const e = toApeError(error, url, model);
    // Some servers have no /models route; only an unreachable server or a refused key stops here.
    if (e.exitCode !== 4 || ("transient" in e && e.transient === true) || ("status" in e && e.status === 401)) throw e;
    return;
  }
  if (ids.length > 0 && !ids.includes(model)) {
    const shown = ids.slice(0, 10).join(", ") + (ids.length > 10 ? ", …" : "");
    throw new ModelError(url, `the server does not serve model "${model}"; it serves: ${shown}. Use one of those names in the spec.`, { status: 404 });
  }
}

function echoCoversPrompt(response: unknown): boolean {
  const choice = firstChoice(response);
  if (!choice || !("logprobs" in choice)) return false;
  const tokens = parseLogprobs(choice.logprobs);
  if (!tokens || tokens.length < 2) return false;
  const text = tokens.map((t) => t.text).join("");
  return text.startsWith("Hello") && tokens.slice(1).every((t) => t.logprob !== null);
}

function firstChoice(response: unknown): object | undefined {
  if (!response || typeof response !== "object" || !("choices" in response) || !Array.isArray(response.choices)) return undefined;
  const c: unknown = response.choices[0];
  return c && typeof c === "object" ? c : undefined;
}

function choiceCount(response: unknown): number {
  if (!response || typeof response !== "object" || !("choices" in response) || !Array.isArray(response.choices)) return 0;
  return response.choices.length;
}

async function infillWorks(url: string, fetch: Fetch, signal?: AbortSignal): Promise<boolean> {
  try {
    const init: RequestInit = {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ input_prefix: "The", input_suffix: " end.", n_predict: 1 }),
    };
    if (signal) init.signal = signal;
    const response = await fetch(`${serverRoot(url)}/infill`, init);
    return response.ok;
  } catch {
    return false;
  }
}

/** The server root for routes outside `/v1` (llama.cpp's `/infill`). */
export function serverRoot(url: string): string {
  return url.replace(/\/v1\/?$/, "");
}
