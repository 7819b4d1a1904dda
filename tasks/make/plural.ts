/** singular_to_plural: English nouns, regular and irregular. */
import type { Pair, TaskSpec } from "./build.js";

/** Irregular and spelling-rule plurals, written out. */
const IRREGULAR: Readonly<Record<string, string>> = {
  child: "children",
  man: "men",
  woman: "women",
  person: "people",
  mouse: "mice",
  goose: "geese",
  tooth: "teeth",
  foot: "feet",
  ox: "oxen",
  louse: "lice",
  sheep: "sheep",
  deer: "deer",
  fish: "fish",
  moose: "moose",
  series: "series",
  species: "species",
  cactus: "cacti",
  fungus: "fungi",
  nucleus: "nuclei",
  crisis: "crises",
  thesis: "theses",
  analysis: "analyses",
  phenomenon: "phenomena",
  criterion: "criteria",
  knife: "knives",
  wife: "wives",
  life: "lives",
  leaf: "leaves",
  wolf: "wolves",
  half: "halves",
  shelf: "shelves",
  loaf: "loaves",
  calf: "calves",
  thief: "thieves",
  potato: "potatoes",
  tomato: "tomatoes",
  hero: "heroes",
  echo: "echoes",
  piano: "pianos",
  photo: "photos",
  radio: "radios",
  roof: "roofs",
  chief: "chiefs",
  belief: "beliefs",
};

const REGULAR = `apple bird book box bus church city baby lady party story puppy toy day boy key monkey
class glass dish brush watch match fox tax kiss bench beach wish dress lunch switch cat dog house car
tree road river lake hill cloud star planet table chair window door garden flower friend teacher
student doctor farmer king queen horse cow pig duck rabbit bottle candle pencil letter song game
country family body army lady berry cherry ferry fairy jelly penny enemy factory library memory
valley donkey chimney turkey journey holiday highway bay tray guy play ray ray toy boy
bush fax box tax quiz bus gas lens ship bell coin horn nest egg lamp ring kite boat`.split(/\s+/);

/** Regular English plural spelling. */
export function regularPlural(word: string): string {
  if (/(s|x|z|ch|sh)$/.test(word)) return word === "quiz" ? "quizzes" : `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/** A noun → its plural. */
export function singularToPlural(): TaskSpec {
  const words = [...new Set([...REGULAR, ...Object.keys(IRREGULAR)])];
  return {
    name: "singular_to_plural",
    description: "Write the plural of the noun.",
    references: ["Convert the input word to its plural form.", "Write the plural of the given noun."],
    pairs: words.map((w): Pair => ({ input: w, output: IRREGULAR[w] ?? regularPlural(w) })),
  };
}
