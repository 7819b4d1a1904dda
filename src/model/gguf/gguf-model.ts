/**
 * The in-process GGUF backend: a `Model` over node-llama-cpp. Loads lazily on first use, runs
 * requests on parallel context sequences, and reuses each sequence's KV cache for the longest
 * common token prefix with the next request.
 */
import { randomInt } from "node:crypto";
import type { Token } from "node-llama-cpp";
import { CancelledError, CapabilityError, UsageError } from "../../errors.js";
import type { Capabilities, FillRequest, Generation, GenerateRequest, LogprobRequest, LogprobResult, Model, ModelSpec, Sampling } from "../types.js";
import { continuationStart } from "./boundary.js";
import { fillInstruction, fimPromptTokens, stripEcho } from "./fim.js";
import { GGUF_DEFAULTS, type GgufOptions } from "./gguf-options.js";
import { disposeLoaded, loadGgufModel, type LoadedModel } from "./load-model.js";
import { scoreJob, type EvalStats } from "./prefix-scorer.js";
import { chatTokens, completionTokens } from "./prompt-tokens.js";
import { sampleText } from "./sample-text.js";

/** A `Model` run in-process by llama.cpp, with evaluation counters. */
export class GgufModel implements Model {
  readonly spec: ModelSpec;
  /** Tokens evaluated and reused so far (all methods together); reset with `resetStats()`. */
  readonly stats: EvalStats = { tokensEvaluated: 0, tokensReused: 0 };
  private readonly options: GgufOptions;
  private loading: Promise<LoadedModel> | undefined;
  private closed = false;

  constructor(spec: ModelSpec, options: GgufOptions = {}) {
    if (spec.backend !== "gguf") throw new UsageError(`createGgufModel takes a gguf: spec, got ${spec.backend}:${spec.model}`);
    this.spec = spec;
    this.options = options;
  }

  /** Zero the counters (benchmarks compare runs). */
  resetStats(): void {
    this.stats.tokensEvaluated = 0;
    this.stats.tokensReused = 0;
  }

  /** Load the model now instead of on first use; resolves to the local file path. */
  async load(signal?: AbortSignal): Promise<string> {
    return (await this.loaded(signal)).file;
  }

  async probe(signal?: AbortSignal): Promise<Capabilities> {
    const m = await this.loaded(signal);
    return {
      completions: true,
      chat: m.chatTemplate,
      promptLogprobs: true,
      chatLogprobs: m.chatTemplate,
      fill: m.fim !== undefined ? ["fim", "chat"] : ["chat"],
      fimTokens: m.fim === undefined ? undefined : { prefix: m.fim.prefix, suffix: m.fim.suffix, middle: m.fim.middle },
      maxPromptsPerRequest: m.sequences,
      multipleSamples: true,
      seed: true,
      evidence: {
        promptLogprobs: "in-process: exact log-probs from the logits",
        chatLogprobs: m.chatTemplate ? "in-process: exact log-probs after the chat template" : "the GGUF has no chat template",
        fim: m.fim !== undefined ? "the GGUF names FIM tokens" : "the GGUF has no FIM tokens",
      },
      notices: [],
    };
  }

  async generate(requests: readonly GenerateRequest[], signal?: AbortSignal): Promise<Generation[]> {
    const m = await this.loaded(signal);
    return Promise.all(
      requests.map((r) => {
        const tokens = r.route === "chat" ? chatTokens(m.model, r.prompt) : completionTokens(m.model, r.prompt);
        return this.sample(m, tokens, r, signal);
      }),
    );
  }

  async fill(request: FillRequest, signal?: AbortSignal): Promise<Generation> {
    const m = await this.loaded(signal);
    if (request.path === "fim" && m.fim !== undefined) {
      return this.sample(m, fimPromptTokens(m.model, m.fim, request.prefix, request.suffix), request, signal);
    }
    if (request.path === "chat") {
      const prompt = chatTokens(m.model, fillInstruction(request.prefix, request.suffix));
      const out = await this.sample(m, prompt, request, signal);
      return { ...out, texts: out.texts.map((t) => stripEcho(t, request.prefix, request.suffix)) };
    }
    throw new CapabilityError(
      `gguf:${this.spec.model} cannot fill by "${request.path}"; it can by ${(m.fim !== undefined ? ["fim", "chat"] : ["chat"]).join(", ")} (see probe().fill).`,
    );
  }

  async logprobs(requests: readonly LogprobRequest[], signal?: AbortSignal): Promise<LogprobResult[]> {
    const m = await this.loaded(signal);
    const reuse = this.options.prefixReuse ?? GGUF_DEFAULTS.prefixReuse;
    return Promise.all(
      requests.map(async (r) => {
        const { model } = m;
        // After a chat prompt the reply's tokens follow the template's own (the start of the model's turn);
        // after text the two are tokenized together, so the answer's tokens are those the model sees.
        const chat = typeof r.prefix === "string" ? undefined : chatTokens(model, r.prefix);
        const textTokens = chat ? model.tokenize(r.continuation, false) : model.tokenize(r.prefix + r.continuation, false);
        const tokens = chat ? [...chat, ...textTokens] : completionTokens(model, r.prefix + r.continuation);
        const head = tokens.length - textTokens.length;
        const text = (k: number): string => model.detokenize(textTokens.slice(0, k));
        // A first token with nothing before it (no BOS) has no distribution to score it by.
        const start = Math.max(1, head + (typeof r.prefix === "string" ? continuationStart(textTokens.length, r.prefix, text) : 0));
        this.checkLength(m, tokens.length);
        const logprobs = await m.pool.use(tokens, (seq) => {
          if (signal?.aborted === true) throw new CancelledError();
          return scoreJob(seq, { tokens, start }, reuse, this.stats);
        });
        let before = text(start - head);
        const scored = logprobs.map((logprob, i) => {
          const upTo = text(start - head + i + 1);
          const piece = upTo.slice(before.length);
          before = upTo;
          return { text: piece, logprob };
        });
        return { tokens: scored, usage: { promptTokens: tokens.length, completionTokens: 0 } };
      }),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    const loading = this.loading;
    this.loading = undefined;
    const m = await loading?.catch(() => undefined);
    if (m !== undefined) await disposeLoaded(m);
  }

  private loaded(signal?: AbortSignal): Promise<LoadedModel> {
    if (this.closed) return Promise.reject(new UsageError(`gguf:${this.spec.model} was closed; create a new model to use it again`));
    if (signal?.aborted === true) return Promise.reject(new CancelledError());
    if (this.loading === undefined) {
      const loading = loadGgufModel(this.spec, this.options, signal);
      this.loading = loading;
      // A failed load is not remembered, so a later call (a fixed file, a network back) retries.
      loading.catch(() => {
        if (this.loading === loading) this.loading = undefined;
      });
    }
    return this.loading;
  }

  private checkLength(m: LoadedModel, length: number): void {
    if (length > m.contextSize) {
      throw new UsageError(
        `a prompt of ${length} tokens does not fit the context of gguf:${this.spec.model} (${m.contextSize} tokens per sequence); pass a larger contextSize (the model was trained on ${m.model.trainContextSize}).`,
      );
    }
  }

  private async sample(m: LoadedModel, prompt: readonly Token[], s: Sampling, signal: AbortSignal | undefined): Promise<Generation> {
    const tokens = prompt.length > 0 ? prompt : m.model.tokens.bos !== null ? [m.model.tokens.bos] : [];
    if (tokens.length === 0) throw new UsageError(`an empty prompt cannot be continued by gguf:${this.spec.model} (it has no BOS token)`);
    this.checkLength(m, tokens.length + s.maxTokens);
    const reuse = this.options.prefixReuse ?? GGUF_DEFAULTS.prefixReuse;
    const base = s.seed ?? randomInt(0, 2 ** 31);
    const samples = await Promise.all(
      Array.from({ length: s.n }, (_, i) =>
        m.pool.use(tokens, (seq) => {
          if (signal?.aborted === true) throw new CancelledError();
          const settings = { temperature: s.temperature, maxTokens: s.maxTokens, stop: s.stop ?? [], seed: (base + i) % 2 ** 32 };
          return sampleText(m.model, seq, tokens, settings, reuse, this.stats, signal);
        }),
      ),
    );
    return {
      texts: samples.map((x) => x.text),
      usage: { promptTokens: tokens.length, completionTokens: samples.reduce((a, x) => a + x.completionTokens, 0) },
    };
  }
}
