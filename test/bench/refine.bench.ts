/**
 * Refinement benchmark (`npm run bench -- refine`): at equal call budgets, how good an instruction
 * each way of refining reaches, on the simulator: `--refine resample`, `reflect` and `both` with
 * ape's raced scoring (multistage: a child is scored only as far as it stays plausible), and
 * GEPA's schedule (every child scored on the whole eval split: the `exhaustive` selector).
 *
 * The world's hidden rule has four keywords; an instruction's accuracy is 0.1, 0.31, 0.53, 0.74 or
 * 0.95 with none, one, two, three or all of them. Its instructions are mostly weak: the whole rule
 * is in 8 of 214, so the first pool seldom holds the best. The simulated proposer's variants step a keyword closer with probability
 * 0.35; its reflections, shown at least one failure, with probability `reflection` (0.5 unless a
 * row says), and its merges combine the keywords of both parents with that probability.
 *
 * THE SIMULATED REFLECTION MEASURES THE ENGINE, NOT A MODEL'S SKILL: how ape chooses parents, shows
 * failures, races children and spends calls, given a proposer that improves with a set chance.
 * Whether a real model's reflections beat its variants is a property of the model, and only a
 * real model can tell.
 *
 * Each row runs `SEEDS` seeded searches (10 first candidates, up to 12 rounds, 3 parents × 4
 * children a round, a budget of `BUDGET` calls; a search also ends after a round that does not
 * improve its best). A cell is the mean test accuracy of the best instruction so far (the leader
 * of the last finished selection round) once that many calls are spent, from the simulator's own
 * answers on the test split; "–" until every seed has finished its first selection.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BudgetError, loadTask, search, Store, type SearchEvent, type SearchOptions } from "../../src/index.js";
import { startSimServer } from "../support/sim/index.js";
import type { SimWorld } from "../support/sim/types.js";
import { evalAnswer, keywordFraction } from "../support/sim/world.js";
import { tempDir } from "../support/temp.js";

const SEEDS = 20;
const BUDGET = 2000;
const STEP = 100;
const SERVER_SEED = 7;

const VERBS = ["Write", "Give", "Say", "State", "Name", "Return"];
const NOUNS = ["word", "input", "given word", "term"];
/** What an instruction asks for: none of the rule's first two keywords, either, or both. */
const CORES = ["a rhyme for", "a synonym of", "a translation of", "a definition of", "the antonym of", "the opposite of", "the antonym, the opposite of"];
/** How it asks for it: none of the rule's last two keywords, either, or both. */
const TAILS = ["", ", as a single word", ", in lower case", ", as a single word in lower case"];
const KEYWORDS = ["antonym", "opposite", "single word", "lower case"];

/**
 * Every verb × core × noun × tail, thinned by level: of the instructions with k keywords, one in
 * 3^k is kept (at least one), so weak ones abound and the whole rule is rare (8 of 214).
 */
function proposals(): string[] {
  const all = VERBS.flatMap((v) => CORES.flatMap((c) => NOUNS.flatMap((n) => TAILS.map((t) => `${v} ${c} the ${n}${t}.`))));
  const byLevel = new Map<number, string[]>();
  for (const text of all) {
    const level = KEYWORDS.filter((k) => text.includes(k)).length;
    byLevel.set(level, [...(byLevel.get(level) ?? []), text]);
  }
  return [...byLevel].flatMap(([level, texts]) => texts.filter((_, i) => i % 3 ** level === 0));
}

/** The rule: antonym, opposite, single word, lower case; accuracy 0.1 with none of it, 0.95 with all. */
const WORLD: SimWorld = {
  answers: Object.fromEntries(Array.from({ length: 160 }, (_, i) => [`word${i}`, `opposite-${i}`])),
  keywords: KEYWORDS,
  proposals: proposals(),
};

/** One way of refining, as a row of the table. */
interface Method {
  readonly name: string;
  readonly options: Partial<SearchOptions>;
  /** The simulated reflection's chance, where the row sets it. */
  readonly reflection?: number;
}

const METHODS: readonly Method[] = [
  { name: "resample, raced", options: { refine: "resample" } },
  { name: "reflect, raced", options: { refine: "reflect" } },
  { name: "both, raced", options: { refine: "both" } },
  { name: "resample, GEPA schedule", options: { refine: "resample", selector: "exhaustive" } },
  { name: "reflect, GEPA schedule", options: { refine: "reflect", selector: "exhaustive" } },
  { name: "both, GEPA schedule", options: { refine: "both", selector: "exhaustive" } },
  { name: "reflect (p 0.35), raced", options: { refine: "reflect" }, reflection: 0.35 },
  { name: "both (p 0.35), raced", options: { refine: "both" }, reflection: 0.35 },
];

/** The leader after each selection round, and the calls spent when it was known. */
interface Trace {
  readonly leaders: readonly { readonly calls: number; readonly text: string }[];
  readonly calls: number;
  readonly rounds: number;
}

async function runOnce(method: Method, seed: number, task: string, dir: string): Promise<Trace> {
  const server = await startSimServer({ world: { ...WORLD, reflection: method.reflection ?? 0.5 }, seed: SERVER_SEED });
  const db = join(dir, `${method.name.replace(/\W+/g, "-")}-${seed}.db`);
  const seen: { calls: number; leader: number }[] = [];
  let calls = 0;
  let rounds = 0;
  const onEvent = (e: SearchEvent): void => {
    if (e.type === "call") calls = e.totals.calls;
    if (e.type === "round" && e.leader !== undefined) {
      seen.push({ calls, leader: e.leader });
      rounds = e.round;
    }
  };
  try {
    await search({
      task,
      model: "vllm:sim-model",
      baseUrls: [server.url],
      db,
      seed,
      candidates: 10,
      rounds: 12,
      budget: { maxCalls: BUDGET },
      onEvent,
      ...method.options,
    });
  } catch (error) {
    if (!(error instanceof BudgetError)) throw error;
  } finally {
    await server.close();
  }
  const store = new Store(db, { readOnly: true });
  const leaders = seen.map((s) => ({ calls: s.calls, text: store.getCandidate(s.leader)?.text ?? "" }));
  store.close();
  return { leaders, calls, rounds };
}

/** Share of `tests` the simulated model answers right under `instruction` (greedy, as ape scores). */
function testAccuracy(instruction: string, tests: readonly { readonly input: string; readonly outputs: readonly string[] }[]): number {
  const key = { temperature: 0, requestSeed: undefined, sampleIndex: 0 };
  const right = tests.filter((e) => evalAnswer(WORLD, SERVER_SEED, { instruction: instruction.trim(), input: e.input }, key) === e.outputs[0]).length;
  return right / tests.length;
}

/** Run the benchmark and print its table. */
export async function run(): Promise<void> {
  const dir = tempDir("ape-refine-bench-");
  const file = join(dir, "opposites.json");
  const answers = Object.entries(WORLD.answers);
  writeFileSync(
    file,
    JSON.stringify({ name: "opposites", metric: "exact_match", examples: answers.map(([input, output], i) => ({ id: String(i), input, output })) }),
  );
  const tests = (await loadTask(file)).splits.test;
  const marks = Array.from({ length: BUDGET / STEP }, (_, i) => (i + 1) * STEP);
  console.log(
    `refine benchmark: ${SEEDS} seeded searches per row, ${BUDGET} calls at most, test split of ${tests.length}; the rule has ${WORLD.keywords.length} keywords`,
  );
  console.log("THE SIMULATED REFLECTION MEASURES THE ENGINE, NOT A MODEL'S SKILL (see the top of this file).");
  console.log("best test score reached, per 100 calls (mean over seeds; – until every seed has a leader):");
  const shown = marks;
  console.log(
    `${"method".padEnd(26)} ${shown.map((m) => String(m).padStart(5)).join(" ")}  ${"calls".padStart(6)} ${"rounds".padStart(6)} ${"rule".padStart(5)}`,
  );
  for (const method of METHODS) {
    const traces: Trace[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) traces.push(await runOnce(method, seed, file, dir));
    const cells = shown.map((mark) => {
      const scores = traces.map((t) => t.leaders.filter((l) => l.calls <= mark).at(-1));
      if (scores.some((s) => s === undefined)) return "–".padStart(5);
      const mean = scores.reduce((sum, s) => sum + testAccuracy(s?.text ?? "", tests), 0) / scores.length;
      return mean.toFixed(3).padStart(5);
    });
    const finals = traces.map((t) => t.leaders.at(-1)?.text ?? "");
    const rule = finals.filter((text) => keywordFraction(WORLD, text) === 1).length / finals.length;
    const mean = (f: (t: Trace) => number): number => traces.reduce((s, t) => s + f(t), 0) / traces.length;
    console.log(
      `${method.name.padEnd(26)} ${cells.join(" ")}  ${mean((t) => t.calls)
        .toFixed(0)
        .padStart(6)} ${mean((t) => t.rounds)
        .toFixed(1)
        .padStart(6)} ${`${(100 * rule).toFixed(0)}%`.padStart(5)}`,
    );
  }
  console.log(
    "calls: mean calls spent (a search ends at the budget or after a round that does not improve); rounds: mean rounds run; rule: share of seeds ending on an instruction with the whole rule",
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
