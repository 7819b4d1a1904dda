import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CancelledError, CapabilityError, UsageError } from "../../../src/errors.js";
import { createGgufModel, type GgufModel } from "../../../src/model/gguf/index.js";
import type { GenerateRequest } from "../../../src/model/types.js";
import { TINY_FIM } from "../../support/gguf/tiny-vocab.js";
import { tinyModelFile } from "../../support/gguf/tiny-model-file.js";

const OPTIONS = { gpu: false, sequences: 3, contextSize: 256, threads: 1 } as const;
const spec = (file: string) => ({ backend: "gguf", model: file, baseUrls: [] }) as const;
const request = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({
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
