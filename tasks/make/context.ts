/** word_in_context: a word in two sentences → "same" or "not the same" meaning, from sentences written for ape. */
import { randomFor, sample, type Pair, type TaskSpec } from "./build.js";
import { SENSES } from "./senses.js";

/**
 * Per word: both pairs of sentences that share a sense ("same") and two of the four that do not
 * ("not the same"), each pair in a seeded order.
 */
export function wordInContext(): TaskSpec {
  const random = randomFor("word_in_context");
  const all: Pair[] = [];
  const pair = (word: string, a: string, b: string, output: string): void => {
    const [x, y] = random() < 0.5 ? [a, b] : [b, a];
    all.push({ input: `Sentence 1: ${x} Sentence 2: ${y} Word: ${word}`, output });
  };
  for (const line of SENSES.trim().split("\n")) {
    const [word, rest] = line.split(": ") as [string, string];
    const [one, two] = rest.split(" // ").map((s) => s.split(" / ")) as [[string, string], [string, string]];
    for (const sentence of [...one, ...two])
      if (!new RegExp(`\\b${word}\\b`, "i").test(sentence)) throw new Error(`word_in_context: "${sentence}" lacks "${word}"`);
    pair(word, one[0], one[1], "same");
    pair(word, two[0], two[1], "same");
    const across = one.flatMap((a) => two.map((b): [string, string] => [a, b]));
    for (const [a, b] of sample(across, 2, random)) pair(word, a, b, "not the same");
  }
  return {
    name: "word_in_context",
    description: "Say whether the word has the same meaning in both sentences.",
    references: [
      'Decide whether the given word has the same meaning in both sentences; answer "same" or "not the same".',
      "Does the word mean the same thing in the two sentences? Answer same or not the same.",
    ],
    pairs: all,
  };
}
