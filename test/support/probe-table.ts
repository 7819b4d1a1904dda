/**
 * The README's table of what ape does on each server family, made from the probe's own results
 * against the simulated families (which replay how the servers really answer), never written by
 * hand. `npx tsx test/support/probe-table.ts` prints it; `test/model/openai/probe-table.test.ts`
 * fails when the README's copy differs.
 */
import { OpenAIBackend } from "../../src/model/openai/backend.js";
import { parseSpec } from "../../src/model/spec.js";
import type { Capabilities } from "../../src/model/types.js";
import { startWorld } from "./sim/fixture.js";
import type { SimOptions } from "./sim/index.js";

/** One row: a server as users meet it, and the simulated family that answers as it does. */
export interface TableServer {
  readonly name: string;
  readonly sim: Partial<SimOptions>;
}

/** The servers of the table, in its order. */
export const TABLE_SERVERS: readonly TableServer[] = [
  { name: "vLLM", sim: { family: "vllm" } },
  { name: "vLLM, a model with FIM tokens (Qwen2.5-Coder)", sim: { family: "vllm", fim: true } },
  { name: "SGLang (no completion template)", sim: { family: "sglang" } },
  { name: "llama.cpp `llama-server`, current (build 10587), model with FIM tokens", sim: { family: "llamacpp", fim: true } },
  { name: "llama.cpp `llama-server`, current, model without FIM tokens", sim: { family: "llamacpp" } },
  { name: "llama.cpp `llama-server`, 2025 builds, model with FIM tokens", sim: { family: "llamacpp-2025", fim: true } },
  { name: "Ollama, a model whose template supports insert", sim: { family: "ollama", insert: true } },
  { name: "Ollama, other models", sim: { family: "ollama" } },
  { name: "OpenAI `gpt-3.5-turbo-instruct`", sim: { family: "openai-instruct" } },
  { name: "OpenAI `davinci-002`, `babbage-002`", sim: { family: "davinci" } },
  { name: "chat-only (OpenAI chat models)", sim: { family: "chat-only" } },
];

/** The table's header lines. */
export const TABLE_HEAD = [
  "| server | `--scorer exec` asks by | `--scorer logprob` | `--mode reverse` fills by | what the probe saw |",
  "|---|---|---|---|---|",
];

/** One row of the table from a probe's capabilities. */
export function tableRow(name: string, caps: Capabilities): string {
  const e = caps.evidence;
  const exec = caps.completions
    ? `completions, ${caps.maxPromptsPerRequest > 1 ? `lists of up to ${caps.maxPromptsPerRequest} prompts` : "one prompt a request"}`
    : "chat";
  const samples = caps.multipleSamples ? "n samples in one request" : "one sample a request";
  const logprob = caps.promptLogprobs ? "yes (echo)" : "no: exit 4";
  const fill = caps.fill[0] ?? "none";
  const saw = [
    `echo: ${e.promptLogprobs ?? "-"}`,
    `suffix: ${e.suffix ?? "-"}`,
    `infill: ${e.infill ?? "-"}`,
    `FIM: ${e.fim ?? "-"}`,
    `samples: ${e.samples ?? "-"}`,
  ];
  const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
  return `| ${cell(name)} | ${cell(`${exec}; ${samples}`)} | ${logprob} | ${fill} | ${cell(saw.join("; "))} |`;
}

/** Probe one server of the table. */
export async function probeRow(server: TableServer): Promise<string> {
  const sim = await startWorld({ ...server.sim, models: ["served-model"] });
  const model = new OpenAIBackend(parseSpec("vllm:served-model", [sim.url]));
  try {
    return tableRow(server.name, await model.probe());
  } finally {
    await model.close();
    await sim.close();
  }
}

/** The whole table, as the README holds it. */
export async function probeTable(): Promise<string> {
  const rows = [];
  for (const server of TABLE_SERVERS) rows.push(await probeRow(server));
  return [...TABLE_HEAD, ...rows].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  probeTable().then((t) => process.stdout.write(`${t}\n`));
}
