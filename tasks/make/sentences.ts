/** negation, sentiment and active_to_passive: sentences built from parts written for ape. */
import { randomFor, sample, type Pair, type TaskSpec } from "./build.js";

const PEOPLE = `the doctor|the artist|the student|the lawyer|the senator|the judge|the tourist|the manager|the secretary
|the athlete|the author|the scientist|the banker|the actor|the president|the farmer|the pilot|the nurse|the teacher
|the engineer`.split(/\s*\|\s*/);

const VERBS = `admired helped called thanked recommended contacted supported introduced avoided encouraged
visited invited warned interviewed followed ignored praised blamed greeted trusted`.split(/\s+/);

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "The doctor helped the artist." → "The artist was helped by the doctor." */
export function activeToPassive(): TaskSpec {
  const all: Pair[] = [];
  for (const a of PEOPLE)
    for (const b of PEOPLE) {
      if (a === b) continue;
      for (const verb of VERBS) all.push({ input: `${capital(a)} ${verb} ${b}.`, output: `${capital(b)} was ${verb} by ${a}.` });
    }
  return {
    name: "active_to_passive",
    description: "Rewrite the sentence in the passive voice.",
    references: ["Write the input sentence in passive form.", "Turn the active sentence into the passive voice."],
    pairs: sample(all, 300, randomFor("active_to_passive")),
  };
}

const SUBJECTS = `The cat|My brother|The old house|This road|The museum|Her garden|The new teacher|The river|Our team
|The movie|The bakery|That bridge|The library|His car|The train|The soup|The mountain|The meeting|Your answer
|The window`.split(/\s*\|\s*/);

const PREDICATES: readonly (readonly [string, string, string])[] = [
  ["is", "is not", "isn't"],
  ["was", "was not", "wasn't"],
  ["can", "cannot", "can't"],
  ["will", "will not", "won't"],
];

const COMPLEMENTS: Readonly<Record<string, readonly string[]>> = {
  is: ["open on Sundays", "very quiet", "close to the station", "ready", "full of surprises", "older than it looks"],
  was: ["painted last year", "crowded this morning", "built by hand", "late again", "easy to find"],
  can: ["be seen from here", "hold ten people", "wait until tomorrow", "change quickly"],
  will: ["be finished soon", "arrive at noon", "stay the same", "need more time"],
};

/** A statement → the same statement negated (either the full or the contracted form counts). */
export function negation(): TaskSpec {
  const all: Pair[] = [];
  for (const subject of SUBJECTS)
    for (const [verb, full, short] of PREDICATES)
      for (const rest of COMPLEMENTS[verb] ?? [])
        all.push({ input: `${subject} ${verb} ${rest}.`, output: [`${subject} ${full} ${rest}.`, `${subject} ${short} ${rest}.`] });
  return {
    name: "negation",
    description: "Negate the sentence.",
    references: ["Negate the input sentence.", 'Rewrite the sentence so that it says the opposite, using "not".'],
    pairs: sample(all, 300, randomFor("negation")),
  };
}

const THINGS = `The film|The acting|The plot|The soundtrack|The dialogue|The ending|The camera work|The cast|The script
|The pacing|The story|The performance`.split(/\s*\|\s*/);
const GOOD = "wonderful superb moving brilliant charming delightful gripping clever beautiful excellent".split(" ");
const BAD = "dull clumsy tedious awful boring painful lifeless confusing forgettable terrible".split(" ");
const ADVERBS = ["", "truly ", "rather ", "simply ", "quite "];

/** A sentence from a review → "positive" or "negative". */
export function sentiment(): TaskSpec {
  const all: Pair[] = [];
  for (const thing of THINGS)
    for (const adverb of ADVERBS) {
      for (const word of GOOD) all.push({ input: `${thing} was ${adverb}${word}.`, output: "positive" });
      for (const word of BAD) all.push({ input: `${thing} was ${adverb}${word}.`, output: "negative" });
    }
  return {
    name: "sentiment",
    description: "Say whether the review sentence is positive or negative.",
    references: ["Determine whether a movie review is positive or negative.", "Classify the sentiment of the sentence as positive or negative."],
    pairs: sample(all, 300, randomFor("sentiment")),
  };
}

const ORTHO = `the small boy saw a big brown bear by the bank of the river
my mother made muffins on monday morning for the market
a tall tree stood alone on top of the hill near the town
she sells shells by the sea shore every summer afternoon
our cat caught a mouse in the cellar under the kitchen
people packed the park to play games and picnic in the sun
he wrote a long letter to his friend who lives in london
we watched the waves wash over the white sand at dawn
the farmer fed the goats before going to the field
bright birds built nests between the branches of the birch
the children chased the dog down the dusty road
a quiet queen quickly questioned the quarrelsome knight
the man whose car i hit last week sued me for damages
after dinner we drank tea and talked until midnight
the pilot pointed at the plane parked past the gate
every evening the old man walks his dog along the canal
several students stayed late to study for the test
the baker burned the bread but nobody noticed
grandmother grows green beans in her garden behind the garage
the storm knocked down trees and left the town without power
a young girl gave her grandfather a golden watch
the driver dropped us at the door of the hotel
they travelled by train through tunnels and over tall bridges
he hurried home because heavy rain had started to fall
the committee chose a new chair after a long debate
lions and leopards lay lazily in the long grass
the singer sang softly while the band began to play
we found fresh fish at the market on friday
the painter picked a pale pink for the parlour walls
nobody knew why the neighbours never opened their curtains`.split("\n");

/** A sentence and a letter → the words of the sentence that start with that letter (a set). */
export function orthographyStartsWith(): TaskSpec {
  const all: Pair[] = [];
  for (const sentence of ORTHO) {
    const words = sentence.split(" ");
    const letters = [...new Set(words.map((w) => w.charAt(0)))].sort();
    for (const letter of letters) {
      const matching = [...new Set(words.filter((w) => w.startsWith(letter)))];
      all.push({ input: `${sentence}. [${letter}]`, output: matching.join(", ") });
    }
  }
  return {
    name: "orthography_starts_with",
    description: "List the words of the sentence that start with the letter in brackets.",
    metric: "exact_set",
    references: ["Extract the words starting with the given letter from the input sentence."],
    pairs: all,
  };
}
