/** rhymes: a word → a word that rhymes with it, from rhyme families written for ape. */
import type { Pair, TaskSpec } from "./build.js";

/** Words that all rhyme with each other, one family a line; no word is in two families. */
const FAMILIES = `
cat hat bat mat rat sat flat fat
light night right sight fight bright might tight
cake lake make take bake snake wake shake
ring sing king thing wing spring bring swing
bell tell well shell sell spell smell yell
day play say way stay gray pray tray
more store shore core score wore bore snore
rain train brain chain pain gain plain main
clock rock sock lock block shock knock dock
game name same came flame frame blame shame
bug rug mug hug jug plug dug tug
hill fill will still bill pill spill chill
moon soon spoon noon tune dune
ear hear near fear clear dear year gear
pink think drink sink link wink blink ink
best nest rest test west chest guest vest
sound round found ground hound pound mound
line mine fine nine shine pine wine spine
boat coat goat float throat vote note quote
cash dash crash flash trash rash splash
tree free see bee knee three
cold gold hold bold fold told sold old
heat seat meat beat treat wheat neat
hand band land sand stand brand grand
ship lip tip trip drip slip hip chip
bone cone phone stone zone tone alone
cow now how brow plow allow
face race place space lace grace trace
ball call fall hall tall wall small mall
`;

/** A word → any word of its family (exact_match; every other family member counts). */
export function rhymes(): TaskSpec {
  const seen = new Set<string>();
  const all: Pair[] = [];
  for (const line of FAMILIES.trim().split("\n")) {
    const family = line.split(" ");
    for (const word of family) {
      if (seen.has(word)) throw new Error(`rhymes: "${word}" is in two families`);
      seen.add(word);
      all.push({ input: word, output: family.filter((w) => w !== word) });
    }
  }
  return {
    name: "rhymes",
    description: "Write a word that rhymes with the input word.",
    references: ["Write a word that rhymes with the input word.", "Give a rhyme for the word."],
    pairs: all,
  };
}
