/**
 * Benchmark: log-probability scoring of 20 candidate instructions × 50 examples on the tiny GGUF,
 * with and without KV prefix reuse. Prints tokens evaluated and wall time as ratios measured in one
 * run, and the largest score difference between the two. Run with `npx tsx test/bench/gguf.bench.ts`.
 */
import { pathToFileURL } from "node:url";
import { createGgufModel } from "../../src/model/gguf/index.js";
import type { LogprobRequest } from "../../src/model/types.js";
import { tinyModelFile } from "../support/gguf/tiny-model-file.js";

const WORDS = [
  "hot",
  "cold",
  "happy",
  "sad",
  "fast",
  "slow",
  "big",
  "small",
  "high",
  "low",
  "old",
  "new",
  "good",
  "light",
  "long",
  "yes",
  "no",
  "right",
  "water",
  "house",
];
const VERBS = ["give", "write", "say", "tell", "find", "show", "make", "put", "read", "take"];

/** 20 instructions × 50 examples in the template `Instruction: …\nInput: …\nOutput:` + ` <output>`. */
function requests(): LogprobRequest[] {
  const out: LogprobRequest[] = [];
  for (let c = 0; c < 20; c++) {
    const instruction = `${VERBS[c % VERBS.length]} the opposite of each input word, ${c < 10 ? "one word" : "in a few words"} ${WORDS[c]}`;
    for (let e = 0; e < 50; e++) {
      const input = `${WORDS[e % WORDS.length]} ${WORDS[(e * 7 + 3) % WORDS.length]}`;
      const output = ` ${WORDS[(e * 3 + 1) % WORDS.length]}`;
      out.push({ prefix: `Instruction: ${instruction}\nInput: ${input}\nOutput:`, continuation: output });
    }
  }
  return out;
}

interface Measured {
  readonly scores: number[];
  readonly tokens: number;
  readonly ms: number;
}

async function measure(file: string, sequences: number, prefixReuse: boolean, reqs: readonly LogprobRequest[]): Promise<Measured> {
  const model = createGgufModel({ backend: "gguf", model: file, baseUrls: [] }, { gpu: false, threads: 1, contextSize: 256, sequences, prefixReuse });
  try {
    await model.load();
    const start = performance.now();
    const scores: number[] = [];
    // Batches of `sequences` requests, as the Gateway sends them (maxPromptsPerRequest).
    for (let i = 0; i < reqs.length; i += sequences) {
      const results = await model.logprobs(reqs.slice(i, i + sequences));
      for (const r of results) scores.push(r.tokens.reduce((a, t) => a + t.logprob, 0) / Math.max(1, r.tokens.length));
    }
    return { scores, tokens: model.stats.tokensEvaluated, ms: performance.now() - start };
  } finally {
    await model.close();
  }
}

/** Run the benchmark and print its figures. */
export async function run(): Promise<void> {
  const file = await tinyModelFile({ seed: 11 });
  const reqs = requests();
  console.log(`gguf log-prob scoring: 20 candidates × 50 examples = ${reqs.length} requests, tiny model, CPU, 1 thread`);
  for (const sequences of [1, 4]) {
    const reuse = await measure(file, sequences, true, reqs);
    const plain = await measure(file, sequences, false, reqs);
    const maxDiff = Math.max(...reuse.scores.map((s, i) => Math.abs(s - (plain.scores[i] ?? Number.NaN))));
    console.log(
      [
        `  sequences=${sequences}:`,
        `tokens evaluated ${plain.tokens} → ${reuse.tokens} (${(plain.tokens / reuse.tokens).toFixed(2)}× fewer with reuse),`,
        `wall time ${(plain.ms / reuse.ms).toFixed(2)}× faster with reuse,`,
        `max |score difference| ${maxDiff.toExponential(2)}`,
      ].join(" "),
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
