import { readdirSync } from "node:fs";
import { join } from "node:path";
import { encoding_for_model, type Tiktoken, type TiktokenModel } from "@dqbd/tiktoken";
import { describe, expect, it } from "vitest";
import { countTokens, requestText, wordSafeLines } from "../../src/accounting/tokens.js";
import { plannedRequests } from "../../src/estimate/plan.js";
import { resolveSearch } from "../../src/options/resolve-search.js";
import { loadTask } from "../../src/task/index.js";
import { mulberry32 } from "../../src/random.js";

/** One model of each tiktoken encoding: o200k_base, cl100k_base, p50k_base, r50k_base. */
const MODELS = ["gpt-4o", "gpt-4", "text-davinci-003", "davinci"];

const encoders = new Map<string, Tiktoken>();

/** What tiktoken itself counts for the whole text at once. */
function whole(model: string, text: string): number {
  let enc = encoders.get(model);
  if (!enc) {
    enc = encoding_for_model(model as TiktokenModel);
    encoders.set(model, enc);
  }
  return enc.encode_ordinary(text).length;
}

/** Texts made of the pieces where encodings differ: newlines next to spaces, CR, U+0085, digits, contractions. */
function awkwardTexts(count: number): string[] {
  const random = mulberry32(24);
  const parts = ["a", "Word", " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u0085", "\u00a0", ":", "'s", "12345", "é", "日本", " .", "!!", "[INPUT]", "😀"];
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(random() * 30) }, () => parts[Math.floor(random() * parts.length)] ?? "").join(""),
  );
}

describe("countTokens", () => {
  it("counts awkward texts exactly as tiktoken counts them whole, in every encoding", () => {
    const texts = awkwardTexts(1500);
    for (const model of MODELS) {
      const wrong = texts.filter((t) => countTokens(model, t) !== whole(model, t));
      expect(wrong.map((t) => JSON.stringify(t)).slice(0, 5), model).toEqual([]);
    }
  });

  it("counts every planned prompt of every shipped task exactly as tiktoken counts it whole", async () => {
    const dir = join(import.meta.dirname, "../../tasks");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      const task = await loadTask(join(dir, file));
      const plan = plannedRequests(task, resolveSearch({ model: "openai:gpt-4o-mini" }));
      const texts = [...new Set(plan.requests.map((p) => requestText(p.call)))];
      for (const model of ["gpt-4o", "gpt-4"]) {
        const wrong = texts.filter((t) => countTokens(model, t) !== whole(model, t));
        expect(wrong.slice(0, 3), `${file}, ${model}`).toEqual([]);
      }
    }
  });

  it("cuts an eval prompt into the lines other prompts share", () => {
    expect([...wordSafeLines("Instruction: Say it.\nInput: cat\nOutput:")]).toEqual(["Instruction: Say it.\n", "Input: cat\n", "Output:"]);
    // Next to whitespace there is no cut: older encodings join it with the newline at a text's end.
    expect([...wordSafeLines("a \nb\n\nc\n")]).toEqual(["a \nb\n\nc\n"]);
  });
});
