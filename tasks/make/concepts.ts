/** common_concept: a few things → what they have in common, from concept lists written for ape. */
import { randomFor, sample, type Pair, type TaskSpec } from "./build.js";

/** "ways to say it / the things that have it", one concept a line; no thing belongs to two concepts. */
const CONCEPTS = `
can fly; things that fly / eagle, airplane, kite, bee, helicopter, hot air balloon, bat, drone
have wheels; things with wheels / bicycle, car, skateboard, wheelchair, train, shopping cart, wheelbarrow, tractor
are sweet; taste sweet / honey, candy, sugar, cake, syrup, chocolate, jam, cookie
are cold; are frozen / ice, snow, glacier, snowman, icicle, frost, iceberg
have keys / piano, typewriter, computer keyboard, accordion, organ, door lock
give light; produce light; are sources of light / sun, candle, lamp, firefly, lighthouse, torch, lantern, star
measure time; tell the time / clock, wristwatch, hourglass, sundial, stopwatch, calendar, timer
are worn on the feet; are footwear / boots, sandals, socks, slippers, sneakers, roller skates, flip-flops
are used to cut; cut things / knife, scissors, axe, razor, sword, scalpel, lawnmower, shears
make music; are musical instruments / drum, flute, trumpet, violin, harp, clarinet, tuba, xylophone
are round; are circles / ball, coin, pizza, orange, globe, plate, ring, moon
have shells / turtle, snail, egg, crab, oyster, peanut, coconut, clam
have teeth / shark, comb, saw, zipper, gear, crocodile, lion
have needles / pine tree, cactus, porcupine, compass, syringe, sewing kit
have trunks / elephant, oak tree, sedan, palm tree, mammoth, redwood
are hot; are very hot / fire, oven, lava, stove, chili pepper, sauna, volcano
live in water; are sea creatures / whale, dolphin, octopus, jellyfish, seahorse, salmon, coral
are yellow / banana, lemon, sunflower, canary, school bus, egg yolk, corn
are red / strawberry, tomato, fire truck, ruby, cherry, blood, stop sign
are green / grass, lime, emerald, frog, broccoli, cucumber, spinach
use electricity; are electrical appliances / television, refrigerator, microwave, toaster, washing machine, vacuum cleaner
can be folded; fold / paper, napkin, umbrella, map, towel, blanket, letter
are ball games; are sports played with a ball / soccer, tennis, basketball, golf, volleyball, baseball, rugby
are planets / Mars, Venus, Jupiter, Saturn, Mercury, Neptune, Earth
are capital cities; are capitals / Paris, Tokyo, Cairo, Ottawa, Lima, Berlin, Canberra
have stripes; are striped / zebra, tiger, barcode, candy cane, crosswalk, skunk
are used for cleaning; clean things / broom, mop, soap, sponge, detergent, dustpan, scrub brush
have strings / guitar, puppet, tennis racket, yo-yo, bow, banjo, cello
grow underground; are root vegetables / carrot, potato, onion, radish, beet, garlic, turnip
are insects / ant, beetle, butterfly, grasshopper, mosquito, ladybug, wasp
hold things together; fasten things / glue, nail, tape, staple, screw, paper clip, button
`;

/** Three things → what they have in common (metric: f1; any listed wording counts). */
export function commonConcept(): TaskSpec {
  const random = randomFor("common_concept/items");
  const owner = new Map<string, string>();
  const all: Pair[] = [];
  for (const line of CONCEPTS.trim().split("\n")) {
    const [names, list] = line.split(" / ") as [string, string];
    const output = names.split("; ");
    const things = list.split(", ");
    for (const thing of things) {
      const other = owner.get(thing);
      if (other) throw new Error(`common_concept: "${thing}" is in "${other}" and "${names}"`);
      owner.set(thing, names);
    }
    const inputs = new Set<string>();
    while (inputs.size < 5) inputs.add(sample(things, 3, random).join(", "));
    for (const input of inputs) all.push({ input, output: output.length === 1 ? (output[0] ?? "") : output });
  }
  return {
    name: "common_concept",
    description: "Say what the listed things have in common.",
    metric: "f1",
    references: ["Find what the listed objects have in common.", "Name a property that all of the given things share."],
    pairs: all,
  };
}
