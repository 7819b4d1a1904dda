/**
 * The openai-compatible backend (OpenAI, vLLM, SGLang, llama.cpp server, Ollama) through the
 * `openai` package. It only speaks the protocol; retries of faults, caching and budgets are the
 * Gateway's, so the client is made with `maxRetries: 0`.
 */
import OpenAI from "openai";
import { CapabilityError, ConnectionError, ModelError, UsageError } from "../../errors.js";
import {
  type Capabilities,
  DEFAULT_CONCURRENCY,
  type FillRequest,
  type Generation,
  type GenerateRequest,
  type LogprobRequest,
  type LogprobResult,
  type Model,
  type ModelSpec,
  type Sampling,
  type Usage,
} from "../types.js";
import { probeServer } from "./probe.js";
import type { WireFacts } from "./probe-evidence.js";
import { nativeFailure, postNative } from "./native-route.js";
import { sumUsage, wholeAnswer } from "./completion-shape.js";
import { reportedBy, shareUsage } from "./usage-share.js";
import { ReplicaPool } from "./replicas.js";
import { callReplica, type ReplicaTask } from "./replica-call.js";
import { createTransport, type Transport } from "./transport.js";
import { postJson } from "./json-post.js";
import { chatFillPrompt, cleanChatFill } from "../fill-chat.js";
import { type ChatPrompt, chatMessages, promptText } from "../../chat.js";
import { type ScoringWire, scoreLogprobs } from "./scoring.js";
import { at } from "../../at.js";
import { sameSampling, sampleRounds, sampling } from "./sampling-params.js";
import { option, say } from "../../message.js";

/** Settings of the openai-compatible backend. */
export interface OpenAIBackendOptions {
  /** Sent as the bearer token; never stored or printed. @default "sk-no-key" (local servers ignore it) */
  readonly apiKey?: string | undefined;
  /** Per-request timeout in milliseconds. @default 120000 */
  readonly timeoutMs?: number | undefined;
  /** Most prompts per request where the server takes lists (`--batch`). @default 16 */
  readonly maxBatch?: number | undefined;
  /** Most of the probe's requests in flight at once (`--concurrency`). @default DEFAULT_CONCURRENCY (8) */
  readonly concurrency?: number | undefined;
}

type Client = OpenAI;
type CompletionParams = OpenAI.Completions.CompletionCreateParamsNonStreaming;

/** A Model speaking the OpenAI protocol to one or more replicas. */
export class OpenAIBackend implements Model {
  readonly spec: ModelSpec;
  private readonly pool: ReplicaPool<Client>;
  private readonly maxBatch: number;
  private readonly concurrency: number;
  private readonly transport: Transport = createTransport();
  private caps: Capabilities | undefined;
  private wire: WireFacts = { echoMaxTokens: 0, usagePerChoice: false, maxSamples: Number.POSITIVE_INFINITY };
  private probing: Promise<Capabilities> | undefined;
  private closed = false;

  constructor(spec: ModelSpec, options: OpenAIBackendOptions = {}) {
    this.spec = spec;
    this.maxBatch = options.maxBatch ?? 16;
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.pool = new ReplicaPool(
      spec.baseUrls.map((url) => ({
        url,
        client: new OpenAI({
          baseURL: url,
          apiKey: options.apiKey ?? "sk-no-key",
          maxRetries: 0,
          timeout: options.timeoutMs ?? 120_000,
          fetch: this.transport.fetch,
        }),
      })),
    );
  }

  /**
   * Probe the first replica that can be reached (replicas are assumed to serve the same model), so
   * that one replica being down does not stop a search the others can serve. Probed once: the
   * proposer and the target on one model share the answer (a failed probe is tried again).
   */
  probe(signal?: AbortSignal): Promise<Capabilities> {
    if (!this.probing) {
      const probing = this.probeReplicas(signal);
      this.probing = probing;
      probing.catch(() => {
        if (this.probing === probing) this.probing = undefined;
      });
    }
    return this.probing;
  }

  private async probeReplicas(signal?: AbortSignal): Promise<Capabilities> {
    this.refuseClosed();
    for (const [i, { url, client }] of this.pool.all.entries()) {
      try {
        const found = await probeServer(client, this.spec.model, url, this.transport.fetch, this.concurrency, signal);
        this.wire = found.wire;
        this.caps = { ...found.caps, maxPromptsPerRequest: Math.min(found.caps.maxPromptsPerRequest, this.maxBatch) };
        return this.caps;
      } catch (error) {
        if (!(error instanceof ConnectionError) || i === this.pool.all.length - 1) throw error;
      }
    }
    throw new ModelError(this.spec.baseUrls[0] ?? "", say`no server URL to probe; give ${option("baseUrls")}.`);
  }

  async generate(requests: readonly GenerateRequest[], signal?: AbortSignal): Promise<Generation[]> {
    const out: Generation[] = [];
    const cap = this.caps?.maxPromptsPerRequest ?? 1;
    let i = 0;
    while (i < requests.length) {
      const first = at(requests, i);
      let j = i + 1;
      if (first.route === "completion") {
        while (j < requests.length && j - i < cap && sameSampling(first, at(requests, j)) && requests[j]?.route === "completion") j++;
      }
      const prompts = requests.slice(i, j).flatMap((r) => (r.route === "completion" ? [r.prompt] : []));
      out.push(...(first.route === "completion" ? await this.complete(prompts, first, {}, signal) : [await this.chat(first.prompt, first, signal)]));
      i = j;
    }
    return out;
  }

  async logprobs(requests: readonly LogprobRequest[], signal?: AbortSignal): Promise<LogprobResult[]> {
    const wire: ScoringWire = { spec: this.spec, caps: this.caps, wire: this.wire, post: (path, body, s) => this.post(path, body, s) };
    return scoreLogprobs(wire, requests, signal);
  }

  async fill(request: FillRequest, signal?: AbortSignal): Promise<Generation> {
    // A path the probe did not find may still get a 200 that is no fill (a suffix the server ignores).
    if (this.caps && !this.caps.fill.includes(request.path)) {
      throw new CapabilityError(
        `${this.spec.baseUrls[0]} cannot fill by "${request.path}" for ${this.spec.model}; it can by ${this.caps.fill.join(", ") || "no path"} (see probe().fill).`,
      );
    }
    switch (request.path) {
      case "suffix":
        return at(await this.complete([request.prefix], request, { suffix: request.suffix }, signal), 0);
      case "infill":
        return this.infill(request, signal);
      case "fim": {
        const fim = this.caps?.fimTokens;
        if (!fim) throw new CapabilityError(`${this.spec.model} has no known FIM tokens; the fim fill path is not available.`);
        return at(await this.complete([`${fim.prefix}${request.prefix}${fim.suffix}${request.suffix}${fim.middle}`], request, {}, signal), 0);
      }
      case "chat": {
        const g = await this.chat(chatFillPrompt(request.prefix, request.suffix), request, signal);
        return { texts: g.texts.map((t) => cleanChatFill(t, request.prefix, request.suffix)), usage: g.usage };
      }
    }
  }

  /** Close the pooled connections; calls after this are refused with a UsageError. */
  async close(): Promise<void> {
    this.closed = true;
    await this.transport.close();
  }

  private refuseClosed(): void {
    if (this.closed) throw new UsageError(`${this.spec.backend}:${this.spec.model} was closed; create a new model to use it again`);
  }

  private async complete(prompts: readonly string[], s: Sampling, extra: { suffix?: string }, signal?: AbortSignal): Promise<Generation[]> {
    const texts: string[][] = prompts.map(() => []);
    const usages: Usage[] = prompts.map(() => ({ promptTokens: 0, completionTokens: 0 }));
    for (const [r, per] of this.sampleRounds(s.n).entries()) {
      const params: CompletionParams = {
        model: this.spec.model,
        prompt: prompts.length === 1 ? at(prompts, 0) : [...prompts],
        ...sampling(s, per, r),
        ...extra,
      };
      const { response, url } = await this.post("/completions", params, signal);
      const answer = wholeAnswer(response, prompts.length * per, url, "completions");
      const answered = prompts.map((prompt, p) => ({ prompt, texts: answer.choices.slice(p * per, (p + 1) * per).map((c) => c.text) }));
      const shares = shareUsage(reportedBy(answer, this.wire.usagePerChoice), answered, s.maxTokens);
      answered.forEach((a, p) => {
        texts[p]?.push(...a.texts);
        usages[p] = sumUsage([usages[p] ?? ZERO, shares[p] ?? ZERO]);
      });
    }
    return prompts.map((_, p) => ({ texts: texts[p] ?? [], usage: at(usages, p) }));
  }

  private async chat(prompt: ChatPrompt, s: Sampling, signal?: AbortSignal): Promise<Generation> {
    const texts: string[] = [];
    let usage: Usage = { promptTokens: 0, completionTokens: 0 };
    for (const [r, per] of this.sampleRounds(s.n).entries()) {
      const params: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = {
        model: this.spec.model,
        messages: chatMessages(prompt).map((m) => ({ ...m })),
        ...sampling(s, per, r),
      };
      const { response, url } = await this.post("/chat/completions", params, signal);
      const answer = wholeAnswer(response, per, url, "chat");
      texts.push(...answer.choices.map((c) => c.text));
      const [share] = shareUsage(
        reportedBy(answer, this.wire.usagePerChoice),
        [{ prompt: promptText(prompt), texts: answer.choices.map((c) => c.text) }],
        s.maxTokens,
      );
      usage = sumUsage([usage, share ?? ZERO]);
    }
    return { texts, usage };
  }

  /** Samples asked per request: all at once, as many as the server takes (llama.cpp: one per slot), or one at a time. */
  private sampleRounds(n: number): number[] {
    return sampleRounds(n, (this.caps?.multipleSamples ?? true) ? this.wire.maxSamples : 1);
  }

  private async infill(request: FillRequest, signal?: AbortSignal): Promise<Generation> {
    const texts: string[] = [];
    let completionTokens = 0;
    let promptTokens = 0;
    for (let k = 0; k < request.n; k++) {
      const body = {
        input_prefix: request.prefix,
        input_suffix: request.suffix,
        n_predict: request.maxTokens,
        temperature: request.temperature,
        ...(request.stop && request.stop.length > 0 ? { stop: [...request.stop] } : {}),
        ...(request.seed !== undefined ? { seed: request.seed + k } : {}),
      };
      const { response, url } = await this.call(async (client, o, url) => {
        const answer = await postNative(this.transport.fetch, url, client.apiKey, "/infill", body, o.signal);
        if (answer.status >= 400) throw nativeFailure(url, "/infill", answer, [client.apiKey]);
        return answer.body && typeof answer.body === "object" ? answer.body : {};
      }, signal);
      if (!("content" in response) || typeof response.content !== "string") {
        throw new ModelError(url, "the /infill answer has no `content` text (a cut answer is never stored)", { transient: true });
      }
      texts.push(response.content);
      promptTokens += "tokens_evaluated" in response && typeof response.tokens_evaluated === "number" ? response.tokens_evaluated : 0;
      completionTokens += "tokens_predicted" in response && typeof response.tokens_predicted === "number" ? response.tokens_predicted : 0;
    }
    return { texts, usage: { promptTokens, completionTokens } };
  }

  /** A hot-path request (completions, chat completions, their log-probs) without the client's per-request work (json-post.ts). */
  private post(path: string, body: unknown, signal?: AbortSignal): Promise<{ response: unknown; url: string }> {
    return this.call((client, o) => postJson(this.transport, client, path, body, o.signal), signal);
  }

  private call<T>(task: ReplicaTask<T>, signal?: AbortSignal): Promise<{ response: T; url: string }> {
    this.refuseClosed();
    return callReplica(this.pool, this.spec.model, task, signal);
  }
}

const ZERO: Usage = { promptTokens: 0, completionTokens: 0 };
