/** antonyms and synonyms, from word lists written for ape. */
import type { Pair, TaskSpec } from "./build.js";

/** Word pairs with opposite meanings, one pair per "a:b". */
const ANTONYMS = `hot:cold big:small tall:short long:short happy:sad fast:slow old:new young:old rich:poor
strong:weak heavy:light hard:soft wet:dry clean:dirty early:late open:closed full:empty high:low
thick:thin wide:narrow deep:shallow loud:quiet bright:dark sharp:dull smooth:rough sweet:sour
brave:cowardly kind:cruel polite:rude safe:dangerous cheap:expensive easy:difficult right:wrong
true:false good:bad beautiful:ugly clever:stupid friendly:hostile generous:selfish honest:dishonest
patient:impatient possible:impossible legal:illegal visible:invisible known:unknown common:rare
simple:complex ancient:modern public:private major:minor maximum:minimum positive:negative
active:passive natural:artificial permanent:temporary partial:complete inner:outer upper:lower
top:bottom front:back left:right north:south east:west day:night light:darkness love:hate
war:peace victory:defeat friend:enemy success:failure question:answer beginning:end birth:death
entrance:exit arrival:departure profit:loss increase:decrease buy:sell give:take push:pull
win:lose accept:reject arrive:leave remember:forget laugh:cry open:close start:finish include:exclude
import:export attack:defend build:destroy borrow:lend create:destroy agree:disagree allow:forbid
appear:disappear ascend:descend expand:contract float:sink freeze:melt gain:lose hide:show
increase:reduce lead:follow love:hate raise:lower save:spend teach:learn throw:catch whisper:shout
always:never inside:outside above:below before:after forward:backward together:apart often:seldom
asleep:awake alive:dead present:absent guilty:innocent married:single sober:drunk tame:wild
vertical:horizontal optimist:pessimist maximum:minimum ancestor:descendant employer:employee
host:guest teacher:student master:servant predator:prey king:queen husband:wife brother:sister
accurate:inaccurate careful:careless useful:useless harmful:harmless hopeful:hopeless
mature:immature logical:illogical regular:irregular relevant:irrelevant responsible:irresponsible
transparent:opaque fertile:barren generous:stingy humble:arrogant optimistic:pessimistic
frequent:occasional innocent:guilty sane:insane sacred:profane shy:outgoing spacious:cramped
fragile:sturdy fresh:stale genuine:fake graceful:clumsy lazy:diligent noisy:silent tidy:messy
vague:clear victorious:defeated wealthy:poor wise:foolish`
  .trim()
  .split(/\s+/);

/** A word → its opposite; both directions of each pair, every listed opposite counts. */
export function antonyms(): TaskSpec {
  const seen = new Map<string, string[]>();
  const add = (a: string, b: string): void => {
    const list = seen.get(a) ?? [];
    if (!list.includes(b)) list.push(b);
    seen.set(a, list);
  };
  for (const pair of ANTONYMS) {
    const [a, b] = pair.split(":") as [string, string];
    add(a, b);
    add(b, a);
  }
  return {
    name: "antonyms",
    description: "Write a word that means the opposite of the input word.",
    references: ["Write a word that means the opposite of the input word.", "Give the antonym of the word."],
    pairs: [...seen].map(([input, output]): Pair => ({ input, output: output.length === 1 ? (output[0] ?? "") : output })),
  };
}

/** A word and words that mean much the same ("word: syn, syn, …"). */
const SYNONYMS = `
happy: glad, joyful, cheerful, content | sad: unhappy, sorrowful, gloomy, miserable | big: large, huge, enormous, great
small: little, tiny, minute, petite | fast: quick, rapid, swift, speedy | slow: sluggish, unhurried, leisurely
smart: clever, intelligent, bright, brilliant | stupid: foolish, dumb, dim, dense | angry: mad, furious, irate, cross
begin: start, commence, initiate | end: finish, conclude, terminate | help: assist, aid, support
buy: purchase, acquire, obtain | sell: vend, trade, market | show: display, exhibit, reveal, present
hide: conceal, cover, mask | look: see, watch, observe, view | say: tell, state, speak, utter
shout: yell, scream, holler, cry | walk: stroll, stride, march, amble | run: sprint, dash, race, jog
eat: consume, devour, dine | drink: sip, gulp, swallow | sleep: slumber, doze, nap, rest
beautiful: pretty, lovely, attractive, gorgeous | ugly: unsightly, hideous, unattractive | old: aged, elderly, ancient
new: fresh, novel, recent, modern | rich: wealthy, affluent, prosperous | poor: needy, impoverished, destitute
brave: courageous, bold, fearless, valiant | afraid: scared, frightened, fearful | calm: peaceful, tranquil, serene, still
strong: powerful, sturdy, tough, mighty | weak: feeble, frail, fragile | easy: simple, effortless, straightforward
hard: difficult, tough, challenging | hot: warm, boiling, scorching | cold: chilly, cool, freezing, icy
funny: amusing, humorous, comical, hilarious | boring: dull, tedious, monotonous | interesting: fascinating, intriguing, engaging
quiet: silent, hushed, soundless | loud: noisy, deafening, booming | kind: nice, gentle, caring, friendly
mean: cruel, unkind, nasty | honest: truthful, sincere, frank | wrong: incorrect, mistaken, false
right: correct, accurate, true | important: significant, crucial, vital, essential | strange: odd, weird, peculiar, unusual
rare: scarce, uncommon, unusual | often: frequently, regularly, repeatedly | maybe: perhaps, possibly
house: home, dwelling, residence | job: work, occupation, profession, career | car: automobile, vehicle, auto
friend: companion, pal, buddy, mate | enemy: foe, adversary, opponent, rival | gift: present, donation
mistake: error, blunder, fault, slip | idea: thought, notion, concept | problem: issue, difficulty, trouble
answer: reply, response | question: query, inquiry | story: tale, narrative, account
journey: trip, voyage, expedition, tour | danger: peril, risk, hazard, threat | fear: dread, terror, fright
anger: rage, fury, wrath | joy: delight, happiness, glee | sorrow: grief, sadness, misery
choose: select, pick, opt | build: construct, erect, assemble | break: smash, shatter, fracture
fix: repair, mend, restore | grow: increase, expand, develop | shrink: contract, dwindle, diminish
keep: retain, hold, preserve | get: obtain, gain, acquire | give: grant, offer, provide, donate
want: desire, wish, crave | need: require, lack | try: attempt, endeavor, strive
think: believe, consider, ponder, reflect | understand: comprehend, grasp, realize | remember: recall, recollect
allow: permit, let, enable | forbid: prohibit, ban, bar | ask: inquire, query, question
answer: reply, respond | close: shut, seal | open: unlock, unseal | throw: toss, hurl, fling, pitch
pull: tug, drag, haul, draw | push: shove, press, thrust | jump: leap, hop, spring, bound
cry: weep, sob, wail | laugh: chuckle, giggle, chortle | smile: grin, beam | talk: speak, chat, converse
tired: weary, exhausted, fatigued, sleepy | hungry: starving, famished, ravenous | wet: damp, moist, soaked, soggy
dry: arid, parched, dehydrated | dirty: filthy, grimy, soiled, unclean | clean: spotless, tidy, pure
empty: vacant, hollow, bare | full: filled, packed, crammed | huge: enormous, gigantic, immense, vast
tiny: minuscule, minute, miniature, wee | quick: fast, rapid, swift, brisk | shy: timid, bashful, reserved
rude: impolite, discourteous, insolent | polite: courteous, respectful, civil | lazy: idle, indolent, sluggish
busy: occupied, engaged, active | famous: renowned, celebrated, well-known | wise: sage, sensible, prudent
`;

/** A word → any of several synonyms (metric: contains). */
export function synonyms(): TaskSpec {
  const seen = new Map<string, string[]>();
  for (const entry of SYNONYMS.split(/[|\n]/)) {
    const [word, list] = entry.split(":");
    if (!word?.trim() || !list) continue;
    const words = list.split(",").map((s) => s.trim());
    if (!seen.has(word.trim())) seen.set(word.trim(), words);
  }
  // The first synonym of each entry gets the entry's word and its other synonyms.
  for (const [word, list] of [...seen]) {
    const [first, ...others] = list;
    if (first && !seen.has(first)) seen.set(first, [word, ...others]);
  }
  return {
    name: "synonyms",
    description: "Write a word with the same meaning as the input word.",
    metric: "contains",
    references: ["Write a word with a similar meaning to the input word.", "Give a synonym of the word."],
    pairs: [...seen].map(([input, output]): Pair => ({ input, output })),
  };
}
