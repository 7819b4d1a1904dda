/**
 * Every backend the `Model` contract suite (test/model/contract.test.ts) runs over, as kysely runs
 * each test over all its dialects: the openai-compatible backend against each simulated server
 * family and against the real llama-server, and the in-process GGUF backend. A subject starts what
 * its models need once (a server, a model file) and makes fresh models on it.
 */
import { createGgufModel } from "../../src/model/gguf/index.js";
import { OpenAIBackend } from "../../src/model/openai/backend.js";
import { parseSpec } from "../../src/model/spec.js";
import type { Model } from "../../src/model/types.js";
import { tinyFullModelFile } from "./gguf/tiny-model-file.js";
import { llamaServerBinary, startLlamaServer } from "./llama-server.js";
import { startWorld } from "./sim/fixture.js";
import { SIM_FAMILIES, type SimFamily } from "./sim/index.js";

/** What a started subject gives its tests. */
export interface Rig {
  /** A fresh model on what was started (the caller closes it). */
  model(): Model;
  /** Stop the server (or nothing, in-process). */
  stop(): Promise<void>;
}

/** One backend, as the contract suite runs it. */
export interface Subject {
  /** Name in the test report. */
  readonly name: string;
  /** Why the subject cannot run on this machine, in one line; `undefined` where it can. */
  readonly skip: string | undefined;
  /** Start what the subject's models need. */
  start(): Promise<Rig>;
}

/** Model name the simulated servers serve. */
const SIM_MODEL = "sim-model";

/** The openai backend against a simulated family, its model with FIM tokens (and Ollama's insert template), so every fill path a family has shows. */
function simSubject(family: SimFamily): Subject {
  return {
    name: `openai backend on simulated ${family}`,
    skip: undefined,
    start: async () => {
      const server = await startWorld({ family, fim: true, insert: true, models: [SIM_MODEL] });
      return { model: () => new OpenAIBackend(parseSpec(`openai:${SIM_MODEL}`, [server.url])), stop: () => server.close() };
    },
  };
}

/** The openai backend against the real llama-server serving the tiny GGUF (FIM tokens, ChatML template). */
function llamaServerSubject(): Subject {
  const binary = llamaServerBinary();
  return {
    name: "openai backend on the real llama-server",
    skip: binary.ok ? undefined : binary.why,
    start: async () => {
      if (!binary.ok) throw new Error(binary.why);
      const server = await startLlamaServer(binary.path, await tinyFullModelFile({ asciiBytes: true }), { slots: 2 });
      return { model: () => new OpenAIBackend(parseSpec("llamacpp:tiny", [server.url])), stop: () => server.close() };
    },
  };
}

/** The in-process GGUF backend on the tiny GGUF with FIM tokens and a chat template. */
function ggufSubject(): Subject {
  return {
    name: "in-process gguf backend",
    skip: undefined,
    start: async () => {
      const file = await tinyFullModelFile();
      return {
        model: () => createGgufModel(parseSpec(`gguf:${file}`), { gpu: false, sequences: 2, contextSize: 256, threads: 1 }),
        stop: async () => undefined,
      };
    },
  };
}

/** Every subject: each simulated family, the real llama-server, the in-process GGUF backend. */
export function modelSubjects(): Subject[] {
  return [...SIM_FAMILIES.map(simSubject), llamaServerSubject(), ggufSubject()];
}
