/** sentence_similarity: two sentences → how alike their meanings are (0–5), from parts written for ape. */
import { randomFor, type Pair, type TaskSpec } from "./build.js";
import type { Random } from "../../src/task/index.js";

const LABELS = ["0 - definitely not", "1 - probably not", "2 - possibly", "3 - probably", "4 - almost perfectly", "5 - perfectly"];

const PEOPLE = ["the mayor", "my sister", "the chef", "our neighbour", "the coach", "a young student"];

/** What someone did, actively and passively. */
const ACTIONS: readonly (readonly [string, string])[] = [
  ["opened the new library", "the new library was opened"],
  ["painted the garden fence", "the garden fence was painted"],
  ["repaired the old bridge", "the old bridge was repaired"],
  ["cooked dinner for the team", "dinner for the team was cooked"],
  ["won the chess tournament", "the chess tournament was won"],
  ["sold the blue car", "the blue car was sold"],
  ["found a lost puppy", "a lost puppy was found"],
  ["wrote a letter to the council", "a letter to the council was written"],
  ["cleaned the school kitchen", "the school kitchen was cleaned"],
  ["planted three apple trees", "three apple trees were planted"],
];

const PLACES = ["in Leeds", "in York", "in Bristol", "in Cardiff"];
const DAYS = ["on Monday", "on Friday", "on Sunday", "on Wednesday"];

/** Sentences about nothing the others mention. */
const UNRELATED = `Heavy snow fell across the mountains overnight.
The price of coffee rose again this year.
Whales can hold their breath for a long time.
The museum will stay closed until spring.
Most cacti need very little water.
The last train to the airport leaves at midnight.
Jupiter is the largest planet in the solar system.
Honey never spoils if it is kept sealed.
The river flooded the lower fields in March.
Many birds fly south before the winter.
The new phone has a larger screen.
Bamboo can grow almost a metre in a day.`.split("\n");

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function pick<T>(items: readonly T[], random: Random, not?: T): T {
  const pool = items.filter((x) => x !== not);
  return pool[Math.floor(random() * pool.length)] as T;
}

/** For each label, 30 sentence pairs: a base sentence and a second one changed by the label's rule. */
export function sentenceSimilarity(): TaskSpec {
  const random = randomFor("sentence_similarity");
  const all: Pair[] = [];
  const inputs = new Set<string>();
  for (let level = 0; level <= 5; level++) {
    let made = 0;
    while (made < 30) {
      const who = pick(PEOPLE, random);
      const [act, passive] = pick(ACTIONS, random);
      const place = pick(PLACES, random);
      const day = pick(DAYS, random);
      const base = capital(`${who} ${act} ${place} ${day}.`);
      const otherPlace = pick(PLACES, random, place);
      const otherDay = pick(DAYS, random, day);
      const second = [
        pick(UNRELATED, random),
        capital(`${who} ${pick(ACTIONS, random, ACTIONS.find((a) => a[0] === act))[0]} ${otherPlace} ${otherDay}.`),
        capital(`${pick(PEOPLE, random, who)} ${act} ${otherPlace} ${otherDay}.`),
        capital(`${who} ${act} ${otherPlace} ${day}.`),
        capital(`${who} ${act} ${place}.`),
        capital(`${passive} by ${who} ${place} ${day}.`),
      ][level] as string;
      const [a, b] = random() < 0.5 ? [base, second] : [second, base];
      const input = `Sentence 1: ${a} Sentence 2: ${b}`;
      if (inputs.has(input)) continue;
      inputs.add(input);
      all.push({ input, output: LABELS[level] as string });
      made++;
    }
  }
  return {
    name: "sentence_similarity",
    description: "Rate how similar the meanings of the two sentences are, from 0 (not at all) to 5 (the same).",
    references: [
      "Rate how similar the meanings of the two sentences are on a scale from \"0 - definitely not\" to \"5 - perfectly\".",
      "Say how likely it is that the two sentences mean the same thing, from 0 - definitely not to 5 - perfectly.",
    ],
    pairs: all,
  };
}
