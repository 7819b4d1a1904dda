/**
 * A ready-made world for tests: 100 inputs with known answers, a two-keyword rule, and proposals
 * of every quality level, plus helpers to start a server and an `openai` client on it.
 */
import OpenAI from "openai";
import { startSimServer } from "./server.js";
import type { SimOptions, SimServer, SimWorld } from "./types.js";

/** Inputs `word0` … `word99`. */
export const INPUTS: readonly string[] = Array.from({ length: 100 }, (_, i) => `word${i}`);

/** The antonym-style world: the answer to `wordN` is `opposite-N`. */
export const WORLD: SimWorld = {
  answers: Object.fromEntries(INPUTS.map((w, i) => [w, `opposite-${i}`])),
  keywords: ["antonym", "opposite"],
  proposals: [
    "Write the antonym of the word, its opposite.",
    "Give the antonym of the input.",
    "Say the opposite of the word.",
    "Repeat the input word.",
    "Translate the word into French.",
    "Write a word that rhymes with the input.",
  ],
};

/** The best proposal (both keywords) and the worst kind (none). */
export const BEST = "Write the antonym of the word, its opposite.";
/** An instruction with none of the keywords. */
export const WORST = "Repeat the input word.";

/** ape's default evaluation prompt, cut at the output. */
export function evalPrompt(instruction: string, input: string): string {
  return `Instruction: ${instruction}\nInput: ${input}\nOutput:`;
}

/** Start a server on WORLD with extra options. */
export function startWorld(options: Partial<SimOptions> = {}): Promise<SimServer> {
  return startSimServer({ world: WORLD, seed: 7, ...options });
}

/** The real `openai` client pointed at a server, without retries. */
export function clientFor(server: SimServer, apiKey = "x"): OpenAI {
  return new OpenAI({ baseURL: server.url, apiKey, maxRetries: 0 });
}

/** A request's status and parsed body (text when it is not JSON). */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** Send `body` (JSON, or raw text when a string) to `path` on the server's root, e.g. `/v1/completions`. */
export async function call(server: SimServer, path: string, body?: unknown, method = body === undefined ? "GET" : "POST"): Promise<Answer> {
  const init: RequestInit = { method };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const res = await fetch(`http://127.0.0.1:${server.port}${path}`, init);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    // Not JSON (Ollama's plain-text 404): keep the text.
  }
  return { status: res.status, body: parsed };
}

/** Prompts the server was asked to answer for the search itself (probes ask for at most 1 token). */
export function searchPrompts(s: SimServer): number {
  return s.stats.log
    .filter((e) => e.path === "/v1/completions" && typeof e.body === "object" && e.body !== null && "max_tokens" in e.body && Number(e.body.max_tokens) > 1)
    .reduce((n, e) => {
      const prompt = (e.body as { prompt: unknown }).prompt;
      return n + (Array.isArray(prompt) ? prompt.length : 1);
    }, 0);
}
