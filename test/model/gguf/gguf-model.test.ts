import { getLlama, type LlamaModel, type Token } from "node-llama-cpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage } from "../../../src/chat.js";
import { CancelledError, CapabilityError, UsageError } from "../../../src/errors.js";
import { createGgufModel, type GgufModel } from "../../../src/model/gguf/index.js";
import type { GenerateRequest, LogprobRequest, Sampling } from "../../../src/model/types.js";
import { TINY_FIM } from "../../support/gguf/tiny-vocab.js";
import { tinyFullModelFile, tinyModelFile } from "../../support/gguf/tiny-model-file.js";

const OPTIONS = { gpu: false, sequences: 3, contextSize: 256, threads: 1 } as const;
const spec = (file: string) => ({ backend: "gguf", model: file, baseUrls: [] }) as const;
const request = (over: Partial<Sampling> & { readonly route?: GenerateRequest["route"] } = {}): GenerateRequest => ({
  prompt: "Instruction: give the opposite word\nInput: hot\nOutput:",
  route: "completion",
  n: 3,
  temperature: 0.9,
  maxTokens: 12,
  seed: 42,
  ...over,
});

describe("gguf model on the tiny GGUF", { timeout: 60_000 }, () => {
  let plain: GgufModel;
  let fim: GgufModel;

  beforeAll(async () => {
    plain = createGgufModel(spec(await tinyModelFile({ seed: 3 })), OPTIONS);
    fim = createGgufModel(spec(await tinyModelFile({ seed: 3, fim: true })), OPTIONS);
  }, 60_000);
  afterAll(async () => {
    await plain.close();
    await fim.close();
  });

  it("probes what an in-process model can do", async () => {
    const caps = await plain.probe();
    expect(caps).toMatchObject({
      completions: true,
      chat: false,
      promptLogprobs: true,
      fill: ["chat"],
      fimTokens: undefined,
      maxPromptsPerRequest: 3,
      multipleSamples: true,
      seed: true,
    });
  });

  it("finds FIM tokens in the vocabulary and offers native fill", async () => {
    const caps = await fim.probe();
    expect(caps.fill).toEqual(["fim", "chat"]);
    expect(caps.fimTokens).toEqual(TINY_FIM);
  });

  it("generates n texts, the same ones again for the same seed", async () => {
    const [first] = await plain.generate([request()]);
    const [again] = await plain.generate([request()]);
    expect(first?.texts).toHaveLength(3);
    expect(again?.texts).toEqual(first?.texts);
    expect(new Set(first?.texts).size).toBeGreaterThan(1);
    expect(first?.usage.completionTokens).toBeGreaterThan(0);
    const [other] = await plain.generate([request({ seed: 43 })]);
    expect(other?.texts).not.toEqual(first?.texts);
  });

  it("is greedy and deterministic at temperature 0", async () => {
    const [a] = await plain.generate([request({ temperature: 0, seed: 1 })]);
    const [b] = await plain.generate([request({ temperature: 0, seed: 2 })]);
    expect(new Set(a?.texts).size).toBe(1);
    expect(b?.texts).toEqual(a?.texts);
  });

  it("answers several requests in order and honours maxTokens and stop strings", async () => {
    const [long, short] = await plain.generate([request({ n: 1, temperature: 0 }), request({ n: 1, temperature: 0, maxTokens: 2 })]);
    expect(long?.usage.completionTokens).toBe(12);
    expect(short?.usage.completionTokens).toBe(2);
    expect(long?.texts[0]?.startsWith(short?.texts[0] ?? "∅")).toBe(true);
    const text = long?.texts[0] ?? "";
    const stop = text.trim().slice(2, 4);
    const [stopped] = await plain.generate([request({ n: 1, temperature: 0, stop: [stop] })]);
    expect(stopped?.texts[0]).toBe(text.slice(0, text.indexOf(stop)));
  });

  it("renders the chat route as plain text when the model has no chat template", async () => {
    const [chat] = await plain.generate([request({ route: "chat", temperature: 0, n: 1 })]);
    const [completion] = await plain.generate([request({ temperature: 0, n: 1 })]);
    expect(chat?.texts).toEqual(completion?.texts);
  });

  it("renders the chat route with the model's own chat template when it has one", async () => {
    const template =
      "{% for message in messages %}{{ message['role'] + ': ' + message['content'] + '\\n' }}{% endfor %}{% if add_generation_prompt %}{{ 'assistant:' }}{% endif %}";
    const chatty = createGgufModel(spec(await tinyModelFile({ seed: 3, chatTemplate: template })), OPTIONS);
    try {
      expect((await chatty.probe()).chat).toBe(true);
      const [chat, completion] = await chatty.generate([request({ route: "chat", n: 1 }), request({ n: 1 })]);
      expect(chat?.texts).toHaveLength(1);
      expect(chat?.usage.promptTokens).toBeGreaterThan(completion?.usage.promptTokens ?? Infinity);
    } finally {
      await chatty.close();
    }
  });

  it("fills by FIM tokens or by an instruction, and refuses paths it lacks", async () => {
    const fill = { prefix: "The opposite of hot is", suffix: ".", n: 2, temperature: 0.7, maxTokens: 6, seed: 9 } as const;
    const native = await fim.fill({ ...fill, path: "fim" });
    expect(native.texts).toHaveLength(2);
    const emulated = await plain.fill({ ...fill, path: "chat" });
    expect(emulated.texts).toHaveLength(2);
    await expect(plain.fill({ ...fill, path: "fim" })).rejects.toThrow(CapabilityError);
    await expect(plain.fill({ ...fill, path: "suffix" })).rejects.toThrow(/cannot fill by "suffix".*chat/);
  });

  it("refuses a prompt longer than the context", async () => {
    const prompt = "the ".repeat(400);
    await expect(plain.logprobs([{ prefix: prompt, continuation: " end" }])).rejects.toThrow(/does not fit the context.*contextSize/);
  });

  it("stops with CancelledError when the signal is aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(plain.generate([request()], controller.signal)).rejects.toThrow(CancelledError);
    await expect(plain.logprobs([{ prefix: "Input:", continuation: " hot" }], controller.signal)).rejects.toThrow(CancelledError);
  });

  it("cannot be used after close", async () => {
    const model = createGgufModel(spec(await tinyModelFile({ seed: 3 })), OPTIONS);
    await model.probe();
    await model.close();
    await expect(model.probe()).rejects.toThrow(UsageError);
  });
});

const TEMPLATE = (instruction: string, input: string): string => `Instruction: ${instruction}\nInput: ${input}\nOutput:`;
const INSTRUCTIONS = ["give the opposite word", "write the antonym of the word"];
const EXAMPLES = [
  ["hot", " cold"],
  ["happy", " sad"],
  ["fast", " slow"],
  ["yes", " no"],
] as const;
const REQUESTS: (LogprobRequest & { readonly prefix: string })[] = INSTRUCTIONS.flatMap((ins) =>
  EXAMPLES.map(([input, output]) => ({ prefix: TEMPLATE(ins, input), continuation: output })),
);

/** Tokens to score: `tokens[start…]`, each given all before it. */
interface ReferenceJob {
  readonly tokens: readonly Token[];
  readonly start: number;
}

/** Log P of each job's scored tokens computed independently: one token at a time on a fresh sequence, reading each next-token probability. */
async function referenceLogprobs(file: string, jobs: (model: LlamaModel) => readonly ReferenceJob[]): Promise<number[][]> {
  const llama = await getLlama({ gpu: false, build: "never", maxThreads: 1, logger: () => undefined });
  try {
    const model = await llama.loadModel({ modelPath: file });
    const context = await model.createContext({ contextSize: 256, sequences: 1 });
    const sequence = context.getSequence();
    const out: number[][] = [];
    for (const { tokens, start } of jobs(model)) {
      await sequence.clearHistory();
      const logprobs: number[] = [];
      for (let i = 0; i < tokens.length - 1; i++) {
        const [result] = await sequence.controlledEvaluate([[tokens[i] as Token, { generateNext: { probabilities: true } }]]);
        if (i + 1 >= start) {
          const p = result?.next.probabilities?.get(tokens[i + 1] as Token);
          if (p === undefined) throw new Error("no probability");
          logprobs.push(Math.log(p));
        }
      }
      out.push(logprobs);
    }
    return out;
  } finally {
    await llama.dispose();
  }
}

/** The reference jobs of text requests: BOS and the joined text's tokens, scored from the end of the prefix's. */
const textJobs =
  (requests: readonly (LogprobRequest & { readonly prefix: string })[]) =>
  (model: LlamaModel): ReferenceJob[] =>
    requests.map((r) => {
      const prefixTokens = model.tokenize(r.prefix);
      const joined = model.tokenize(r.prefix + r.continuation);
      // The test requests split cleanly: the prefix's tokens begin the joined text's tokens.
      expect(joined.slice(0, prefixTokens.length)).toEqual(prefixTokens);
      return { tokens: [model.tokens.bos as Token, ...joined], start: 1 + prefixTokens.length };
    });

describe("gguf logprobs on the tiny model", { timeout: 60_000 }, () => {
  let file: string;
  let withReuse: GgufModel;
  let withoutReuse: GgufModel;

  beforeAll(async () => {
    file = await tinyModelFile({ seed: 7 });
    const spec = { backend: "gguf", model: file, baseUrls: [] } as const;
    withReuse = createGgufModel(spec, { gpu: false, sequences: 2, contextSize: 256, threads: 1, prefixReuse: true });
    withoutReuse = createGgufModel(spec, { gpu: false, sequences: 2, contextSize: 256, threads: 1, prefixReuse: false });
  }, 60_000);
  afterAll(async () => {
    await withReuse.close();
    await withoutReuse.close();
  });

  it("scores exactly the continuation's tokens, matching a token-by-token reference", async () => {
    const results = await withReuse.logprobs(REQUESTS);
    const reference = await referenceLogprobs(file, textJobs(REQUESTS));
    results.forEach((result, i) => {
      expect(result.tokens.map((t) => t.text).join("")).toBe(REQUESTS[i]?.continuation);
      const ref = reference[i] ?? [];
      expect(result.tokens).toHaveLength(ref.length);
      result.tokens.forEach((t, j) => {
        expect(t.logprob).toBeLessThan(0);
        expect(t.logprob).toBeCloseTo(ref[j] ?? Number.NaN, 4);
      });
    });
  });

  it("gives identical scores with and without prefix reuse, evaluating fewer tokens with it", async () => {
    // One sequence: every token is evaluated in the same batch shape either way, so the numbers are
    // bit-identical. (With several sequences llama.cpp batches them together as they arrive, and
    // float32 sums then differ in the last bits, with or without reuse; see the next test.)
    const spec = { backend: "gguf", model: file, baseUrls: [] } as const;
    const one = { gpu: false, sequences: 1, contextSize: 256, threads: 1 } as const;
    const reusing = createGgufModel(spec, { ...one, prefixReuse: true });
    const fresh = createGgufModel(spec, { ...one, prefixReuse: false });
    try {
      const a = await reusing.logprobs(REQUESTS);
      const b = await fresh.logprobs(REQUESTS);
      expect(a.map((r) => r.tokens)).toEqual(b.map((r) => r.tokens));
      expect(reusing.stats.tokensEvaluated).toBeLessThan(fresh.stats.tokensEvaluated);
      expect(reusing.stats.tokensReused).toBeGreaterThan(0);
      expect(fresh.stats.tokensReused).toBe(0);
    } finally {
      await reusing.close();
      await fresh.close();
    }
  });

  it("agrees to float32 precision across parallel sequences, with and without reuse", async () => {
    withReuse.resetStats();
    withoutReuse.resetStats();
    const a = await withReuse.logprobs(REQUESTS);
    const b = await withoutReuse.logprobs(REQUESTS);
    const flat = (rs: typeof a): number[] => rs.flatMap((r) => r.tokens.map((t) => t.logprob));
    const other = flat(b);
    const diffs = flat(a).map((x, i) => Math.abs(x - (other[i] ?? Number.NaN)));
    expect(Math.max(...diffs)).toBeLessThan(1e-5);
    expect(withReuse.stats.tokensEvaluated).toBeLessThan(withoutReuse.stats.tokensEvaluated);
  });

  it("reuses the cached prefix across calls", async () => {
    withReuse.resetStats();
    const first = await withReuse.logprobs(REQUESTS.slice(0, 1));
    const evaluatedFirst = withReuse.stats.tokensEvaluated;
    withReuse.resetStats();
    const again = await withReuse.logprobs(REQUESTS.slice(1, 2));
    expect(withReuse.stats.tokensEvaluated).toBeLessThan(evaluatedFirst);
    expect(first[0]?.tokens.length).toBeGreaterThan(0);
    expect(again[0]?.tokens.length).toBeGreaterThan(0);
  });

  it("still scores the answer when the prefix ends in a space", async () => {
    const [result] = await withReuse.logprobs([{ prefix: "Input: hot\nOutput: ", continuation: "cold" }]);
    expect(result?.tokens.map((t) => t.text).join("")).toBe(" cold");
  });

  it("scores a multi-token continuation and reports usage", async () => {
    const [result] = await withReuse.logprobs([{ prefix: "Input: hot\nOutput:", continuation: " the cold water" }]);
    expect(result?.tokens.map((t) => t.text).join("")).toBe(" the cold water");
    expect(result?.tokens.length).toBeGreaterThanOrEqual(3);
    expect(result?.usage.promptTokens).toBeGreaterThan(result?.tokens.length ?? 0);
  });
});

describe("gguf chat prompts on the tiny model with a ChatML template", { timeout: 60_000 }, () => {
  let file: string;
  let model: GgufModel;
  const messages = (instruction: string): ChatMessage[] => [
    { role: "system", content: instruction },
    { role: "user", content: "hot" },
  ];
  /** The ChatML text of `messages` up to the model's turn, written out by hand: what the GGUF's template renders. */
  const chatml = (m: readonly ChatMessage[]): string => `${m.map((x) => `<|im_start|>${x.role}\n${x.content}<|im_end|>\n`).join("")}<|im_start|>assistant\n`;

  beforeAll(async () => {
    file = await tinyFullModelFile();
    model = createGgufModel(spec(file), OPTIONS);
  }, 60_000);
  afterAll(async () => {
    await model.close();
  });

  it("sends the system message through the model's chat template: the prompt is the ChatML rendering, token for token", async () => {
    const expected = await referencePromptLength(file, chatml(messages("give the opposite word")));
    const [answer] = await model.generate([{ route: "chat", prompt: messages("give the opposite word"), n: 1, temperature: 0, maxTokens: 3, seed: 1 }]);
    expect(answer?.usage.promptTokens).toBe(expected);
    const [shorter] = await model.generate([{ route: "chat", prompt: messages("be"), n: 1, temperature: 0, maxTokens: 3, seed: 1 }]);
    expect(shorter?.usage.promptTokens).toBeLessThan(expected);
  });

  it("scores the reply exactly after the chat template: log-probs match a token-by-token reference, and depend on the system message", async () => {
    const requests = ["give the opposite word", "write the antonym of the word"].map((instruction) => ({
      prefix: messages(instruction),
      continuation: "cold",
    }));
    const results = await model.logprobs(requests);
    const reference = await referenceLogprobs(file, (m) =>
      requests.map((r) => {
        const prompt = [m.tokens.bos as Token, ...m.tokenize(chatml(r.prefix), true)];
        return { tokens: [...prompt, ...m.tokenize(r.continuation, false)], start: prompt.length };
      }),
    );
    results.forEach((result, i) => {
      expect(result.tokens.map((t) => t.text).join("")).toBe("cold");
      expect(result.tokens.map((t) => t.logprob)).toHaveLength(reference[i]?.length ?? -1);
      // Whole-prompt batches against one token at a time: float32 sums differ in the last bits.
      result.tokens.forEach((t, j) => {
        expect(t.logprob).toBeCloseTo(reference[i]?.[j] ?? Number.NaN, 3);
      });
    });
    expect(results[0]?.tokens.map((t) => t.logprob)).not.toEqual(results[1]?.tokens.map((t) => t.logprob));
    expect((await model.probe()).chatLogprobs).toBe(true);
  });
});

/** Tokens of BOS and a ChatML text (its markers read as the special tokens they are), counted by a fresh load of the model. */
async function referencePromptLength(file: string, text: string): Promise<number> {
  const llama = await getLlama({ gpu: false, build: "never", maxThreads: 1, logger: () => undefined });
  try {
    const model = await llama.loadModel({ modelPath: file });
    return 1 + model.tokenize(text, true).length;
  } finally {
    await llama.dispose();
  }
}
