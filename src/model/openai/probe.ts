/**
 * Finding out what an OpenAI-compatible server can do, by evidence: a few tiny requests, made once
 * per run, all at once after the first contact. A refusal of any kind means "no"; a 200 means "yes"
 * only when the answer shows the feature was used (docs/servers.md, "How servers really answer").
 * The backend word of the spec plays no part: servers are told apart by what they answer.
 */
import type OpenAI from "openai";
import pLimit from "p-limit";
import { ConnectionError, ModelError } from "../../errors.js";
import { DEFAULT_RETRY, isTransient, retrying } from "../retry.js";
import type { Capabilities, FillPath, ProbedFeature } from "../types.js";
import { chatLogprobParams, chatLogprobsEvidence, PROBE_REPLY } from "./chat-logprobs.js";
import { readCompletion } from "./completion-shape.js";
import { toApeError } from "./errors.js";
import { ask, describeRefusal, type Outcome } from "./probe-ask.js";
import { echoEvidence, fimEvidence, infillEvidence, samplesEvidence, samplesLimit, suffixEvidence, type Finding, type WireFacts } from "./probe-evidence.js";
import { FIM_FAMILIES } from "./fim-families.js";
import { nativeFailure, postNative } from "./native-route.js";
import type { Fetch } from "./transport.js";

/** How many prompts one request carries at most, where the server takes lists. */
export const DEFAULT_MAX_BATCH = 16;

/** What the probe found: the capabilities, and how this server's answers must be read. */
export interface ProbeResult {
  readonly caps: Capabilities;
  readonly wire: WireFacts;
}

/** A text whose tokens `suffix` adds to the prompt, so that a suffix the server uses shows in its usage. */
const PROBE_SUFFIX = " and that was the end of the whole story, told from the first word to the last.";

/** Probe the server at `url` (through `client`) for what it can do with `model`, at most `concurrency` requests at once. */
export async function probeServer(client: OpenAI, model: string, url: string, fetch: Fetch, concurrency: number, signal?: AbortSignal): Promise<ProbeResult> {
  const options = signal ? { signal } : {};
  const listed = await listModels(client, model, url, options, signal);
  // The questions go out together, but never more at once than the run may send (`--concurrency`).
  const limit = pLimit(Math.max(1, concurrency));
  const send = (request: () => Promise<unknown>): Promise<Outcome> => limit(() => ask(request, (e) => toApeError(e, url, model, [client.apiKey]), signal));
  const completion = (params: Record<string, unknown>): Promise<Outcome> =>
    send(() => client.completions.create({ model, ...params } as unknown as OpenAI.Completions.CompletionCreateParamsNonStreaming, options));
  const chat = (params: Record<string, unknown>): Promise<Outcome> =>
    send(() =>
      client.chat.completions.create(
        { model, messages: [{ role: "user", content: "Hi" }], ...params } as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming,
        options,
      ),
    );
  const native = (route: string, body: unknown): Promise<Outcome> =>
    send(async () => {
      const answer = await postNative(fetch, url, client.apiKey, route, body, signal);
      if (answer.status >= 400) throw nativeFailure(url, route, answer, [client.apiKey]);
      return answer.body;
    });

  const [plain, chatOne, chatScored, echo0, list, samples, chatSamples, suffix, infill, props, ...tokenized] = await Promise.all([
    completion({ prompt: "Hello", max_tokens: 1, temperature: 0 }),
    chat({ max_tokens: 1, temperature: 0 }),
    send(() => client.chat.completions.create(chatLogprobParams(model, [{ role: "user", content: "Hi" }], PROBE_REPLY), options)),
    completion({ prompt: "Hello world", max_tokens: 0, echo: true, logprobs: 1, temperature: 0 }),
    completion({ prompt: ["Hello", "Hi"], max_tokens: 1, temperature: 0 }),
    completion({ prompt: "Hello", max_tokens: 1, temperature: 1, n: 2 }),
    chat({ max_tokens: 1, temperature: 1, n: 2 }),
    completion({ prompt: "Hello", suffix: PROBE_SUFFIX, max_tokens: 1, temperature: 0 }),
    native("/infill", { input_prefix: "Hello", input_suffix: " world", n_predict: 1, max_tokens: 1, temperature: 0 }),
    native("/props", undefined),
    ...FIM_FAMILIES.flatMap((f) => {
      const markers = `${f.prefix}${f.suffix}${f.middle}`;
      return [
        native("/tokenize", { content: markers, prompt: markers, model }),
        native("/tokenize", { content: markers + markers, prompt: markers + markers, model }),
      ];
    }),
  ]);
  const completions = readCompletion(plain.ok ? plain.body : undefined) !== undefined;
  const chats = chatOne.ok;
  checkModel(model, url, listed, [plain, chatOne]);
  if (!completions && !chats) {
    throw new ModelError(
      url,
      `neither /v1/completions (${describeRefusal(plain)}) nor /v1/chat/completions (${describeRefusal(chatOne)}) answers for model "${model}"; ape needs one of them. Check the server and the model name.`,
      { status: plain.ok ? undefined : plain.status },
    );
  }
  // SGLang refuses `max_tokens: 0`; its echo works with one generated token, which is then dropped.
  const echo1 =
    completions && !echo0.ok && /max_tokens/i.test(echo0.serverMessage)
      ? await completion({ prompt: "Hello world", max_tokens: 1, echo: true, logprobs: 1, temperature: 0 })
      : undefined;

  const echoFound = echoEvidence(echo0, echo1, "Hello world");
  const chatLogprobsFound = chats ? chatLogprobsEvidence(chatScored) : { yes: false, why: "no chat route" };
  const listsFound = samplesEvidence(list, 2, "a list of 2 prompts");
  const samplesFound = completions ? samplesEvidence(samples, 2, "n: 2") : samplesEvidence(chatSamples, 2, "n: 2 on chat");
  const maxSamples = samplesLimit(props);
  const suffixFound = completions ? suffixEvidence(plain, suffix) : { yes: false, why: "no completions route" };
  const infillFound = infillEvidence(infill);
  const fimFound = completions ? fimEvidence(tokenized) : { yes: false, why: "no completions route", tokens: undefined };

  const fill: FillPath[] = [];
  if (suffixFound.yes) fill.push("suffix");
  if (infillFound.yes) fill.push("infill");
  if (fimFound.tokens) fill.push("fim");
  if (chats) fill.push("chat");
  const evidence: Partial<Record<ProbedFeature, string>> = {
    completions: completions ? "answered" : describeRefusal(plain),
    chat: chats ? "answered" : describeRefusal(chatOne),
    promptLogprobs: echoFound.why,
    chatLogprobs: chatLogprobsFound.why,
    lists: completions ? listsFound.why : "no completions route",
    samples: samplesFound.yes && Number.isFinite(maxSamples) ? `${samplesFound.why}; at most ${maxSamples} per request (/props total_slots)` : samplesFound.why,
    suffix: suffixFound.why,
    infill: infillFound.why,
    fim: fimFound.why,
  };
  const notices =
    listed !== undefined && !listed.includes(model)
      ? [`${url} does not list model "${model}" (it lists ${shortList(listed)}) but answers requests for it; going on.`]
      : [];
  return {
    caps: {
      completions,
      chat: chats,
      promptLogprobs: completions && echoFound.yes,
      chatLogprobs: chatLogprobsFound.yes,
      fill,
      fimTokens: fimFound.tokens,
      maxPromptsPerRequest: completions && listsFound.yes ? DEFAULT_MAX_BATCH : 1,
      multipleSamples: samplesFound.yes,
      seed: true,
      evidence,
      notices,
    },
    wire: {
      echoMaxTokens: echoFound.yes && echo1?.ok === true ? 1 : 0,
      usagePerChoice: usagePerChoice(listsFound, samplesFound, plain),
      maxSamples,
    },
  };
}

/** The first contact: the ids the server lists (`undefined` where it has no `/models` route). */
async function listModels(client: OpenAI, model: string, url: string, options: { signal?: AbortSignal }, signal?: AbortSignal): Promise<string[] | undefined> {
  // A server that is not there fails at once (exit 3); other faults are retried.
  const firstContact = (e: unknown): boolean => isTransient(e) && !(e instanceof ConnectionError);
  try {
    return await retrying(
      async () => {
        try {
          return (await client.models.list(options)).data.map((m) => m.id);
        } catch (error) {
          throw toApeError(error, url, model, [client.apiKey]);
        }
      },
      DEFAULT_RETRY,
      Math.random,
      signal,
      undefined,
      firstContact,
    );
  } catch (error) {
    // Some servers have no /models route; only an unreachable server, a refused key or a lasting fault stops here.
    if (!(error instanceof ModelError) || error.transient || error.status === 401 || error.status === 403) throw error;
    return undefined;
  }
}

/**
 * A model the server does not list is fine when the server answers for it (llama.cpp and SGLang
 * answer any name); refused when the server refuses the name (vLLM, Ollama: 404).
 */
function checkModel(model: string, url: string, listed: readonly string[] | undefined, routes: readonly Outcome[]): void {
  if (listed === undefined || listed.length === 0 || listed.includes(model)) return;
  if (routes.some((o) => o.ok)) return;
  if (routes.some((o) => !o.ok && o.status === 404)) {
    throw new ModelError(url, `the server does not serve model "${model}"; it serves: ${shortList(listed)}. Use one of those names in the spec.`, {
      status: 404,
    });
  }
}

function shortList(ids: readonly string[]): string {
  return ids.slice(0, 10).join(", ") + (ids.length > 10 ? ", …" : "");
}

/**
 * Whether the server reports one answer's usage rather than the sum over a request's answers
 * (llama.cpp): a summed list of two prompts costs more prompt tokens than one of them alone, and
 * two summed samples of one token each cost two completion tokens.
 */
function usagePerChoice(lists: Finding, samples: Finding, plain: Outcome): boolean {
  const single = plain.ok ? readCompletion(plain.body)?.usage : undefined;
  if (lists.yes && lists.answer && !lists.answer.array && single && single.promptTokens > 0) {
    return lists.answer.usage.promptTokens <= single.promptTokens;
  }
  if (samples.yes && samples.answer) return samples.answer.usage.completionTokens === 1;
  return false;
}
