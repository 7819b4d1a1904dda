/** first_word_letter, second_word_letter, letters_list: spelling tasks over a word list of our own. */
import type { Pair, TaskSpec } from "./build.js";

/** Common English words (nouns, verbs, adjectives), 3 to 10 letters, written for these tasks. */
export const WORDS: readonly string[] = `
apple bread chair table window garden river mountain forest ocean planet rocket engine bottle candle
pencil paper letter number music piano violin guitar drum singer dancer painter doctor nurse farmer
teacher student school library museum market bridge castle tower village city country island desert
valley meadow flower tree branch leaf root seed fruit lemon orange banana cherry grape melon peach
carrot potato tomato onion pepper butter cheese honey sugar salt coffee water juice milk cookie
blanket pillow mirror ladder hammer needle thread button pocket jacket sweater scarf glove boot shoe
basket bucket kettle spoon knife plate bowl oven stove fridge lamp clock radio camera phone screen
cloud storm thunder rain snow wind sunset sunrise shadow light darkness winter summer autumn spring
morning evening night moment minute hour week month year history science magic puzzle riddle story
poem novel chapter page word sentence question answer problem reason idea dream memory secret promise
friend family mother father sister brother cousin uncle aunt baby child person people crowd leader
king queen prince knight soldier sailor pirate captain pilot driver traveler stranger neighbor guest
happy quiet gentle brave clever honest humble lucky noisy proud silly tired angry calm eager fancy
bright dark heavy light narrow wide smooth rough sharp soft sweet bitter fresh stale empty full
quick slow early late young old rich poor strong weak simple strange famous secret warm cold
jump run walk swim climb dance sing write read listen speak laugh smile cry sleep dream build
carry throw catch push pull open close begin finish travel wander follow gather borrow return
answer explain imagine remember forget believe decide choose wonder whisper shout paint cook bake
yellow purple silver golden crimson violet scarlet green blue black white brown
elephant giraffe zebra tiger lion monkey rabbit turtle dolphin penguin eagle parrot spider beetle
umbrella volcano harbor lantern compass anchor helmet saddle wagon tunnel fountain statue palace
velvet marble crystal feather pebble canyon glacier jungle prairie orchard vineyard cottage cabin
`
  .trim()
  .split(/\s+/);

function unique(words: readonly string[]): string[] {
  return [...new Set(words)];
}

/** A word → its first letter. */
export function firstWordLetter(): TaskSpec {
  return {
    name: "first_word_letter",
    description: "Write the first letter of the word.",
    references: ["Extract the first letter of the input word.", "Write the first letter of the given word."],
    pairs: unique(WORDS).map((w): Pair => ({ input: w, output: w.slice(0, 1) })),
  };
}

/** A word → its second letter. */
export function secondWordLetter(): TaskSpec {
  return {
    name: "second_word_letter",
    description: "Write the second letter of the word.",
    references: ["Extract the second letter of the input word."],
    pairs: unique(WORDS).map((w): Pair => ({ input: w, output: w.slice(1, 2) })),
  };
}

/** A word → its letters separated by spaces ("cat" → "c a t"). */
export function lettersList(): TaskSpec {
  return {
    name: "letters_list",
    description: "Break the word into its letters, separated by spaces.",
    references: ["Break the input word into letters, separated by spaces."],
    pairs: unique(WORDS).map((w): Pair => ({ input: w, output: [...w].join(" ") })),
  };
}
