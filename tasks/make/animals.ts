/** larger_animal and taxonomy_animal, from a list of animals with typical adult masses. */
import { randomFor, sample, type Pair, type TaskSpec } from "./build.js";

/** Animals and a typical adult mass in kilograms (rounded; only the order of magnitude matters). */
export const ANIMALS: readonly (readonly [string, number])[] = [
  ["ant", 0.000003],
  ["bee", 0.0001],
  ["fly", 0.00002],
  ["mosquito", 0.000002],
  ["ladybug", 0.00002],
  ["butterfly", 0.0005],
  ["spider", 0.001],
  ["snail", 0.005],
  ["cricket", 0.0008],
  ["hummingbird", 0.004],
  ["mouse", 0.02],
  ["sparrow", 0.03],
  ["frog", 0.05],
  ["hamster", 0.1],
  ["bat", 0.02],
  ["squirrel", 0.5],
  ["rat", 0.3],
  ["pigeon", 0.35],
  ["parrot", 0.4],
  ["guinea pig", 1],
  ["rabbit", 2],
  ["chicken", 2.5],
  ["owl", 1.5],
  ["duck", 1.2],
  ["hedgehog", 1],
  ["cat", 4],
  ["fox", 6],
  ["raccoon", 8],
  ["koala", 9],
  ["beaver", 20],
  ["goose", 5],
  ["eagle", 5],
  ["penguin", 25],
  ["dog", 30],
  ["wolf", 40],
  ["goat", 60],
  ["sheep", 80],
  ["kangaroo", 60],
  ["cheetah", 50],
  ["leopard", 60],
  ["pig", 150],
  ["lion", 190],
  ["tiger", 220],
  ["ostrich", 110],
  ["gorilla", 160],
  ["deer", 100],
  ["zebra", 350],
  ["horse", 500],
  ["cow", 700],
  ["bear", 400],
  ["moose", 500],
  ["camel", 500],
  ["giraffe", 1000],
  ["buffalo", 900],
  ["rhinoceros", 2300],
  ["hippopotamus", 1800],
  ["walrus", 1200],
  ["elephant", 6000],
  ["orca", 5000],
  ["whale", 40000],
];

/** Things that are not animals, to mix into the lists of taxonomy_animal. */
const THINGS = `chair table lamp bottle pencil window guitar hammer spoon blanket bicycle mirror carpet candle
kettle ladder pillow umbrella basket button camera helmet jacket compass anchor lantern teapot violin
tractor rocket wagon apple carrot potato banana onion tomato cherry lemon bread cheese tree flower
mountain river cloud stone shoe clock radio phone book scarf`.split(/\s+/);

/** "a, b" → the larger of two animals whose masses differ at least tenfold. */
export function largerAnimal(): TaskSpec {
  const candidates: Pair[] = [];
  for (const [a, ma] of ANIMALS)
    for (const [b, mb] of ANIMALS) {
      if (a === b || Math.max(ma, mb) / Math.min(ma, mb) < 10) continue;
      candidates.push({ input: `${a}, ${b}`, output: ma > mb ? a : b });
    }
  return {
    name: "larger_animal",
    description: "Write the larger of the two animals.",
    references: ["Write the larger of the two given animals.", "Which of the two animals is bigger? Write its name."],
    pairs: sample(candidates, 400, randomFor("larger_animal")),
  };
}

/** A comma-separated list of words → the animals in it (a set; order does not matter). */
export function taxonomyAnimal(): TaskSpec {
  const random = randomFor("taxonomy_animal");
  const names = ANIMALS.map(([name]) => name);
  const pairs: Pair[] = [];
  const seen = new Set<string>();
  while (pairs.length < 300) {
    const animals = sample(names, 2 + Math.floor(random() * 3), random);
    const things = sample(THINGS, 6 - animals.length, random);
    const words = sample([...animals, ...things], 6, random);
    const input = words.join(", ");
    if (seen.has(input)) continue;
    seen.add(input);
    pairs.push({ input, output: words.filter((w) => animals.includes(w)).join(", ") });
  }
  return {
    name: "taxonomy_animal",
    description: "List the animals among the words, separated by commas.",
    metric: "exact_set",
    references: ["Write all the animals that appear in the given list.", "Keep only the animals in the list."],
    pairs,
  };
}
