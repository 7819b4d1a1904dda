/** sum, diff and num_to_verbal: arithmetic and number names, generated exhaustively then sampled. */
import { randomFor, sample, type Pair, type TaskSpec } from "./build.js";

function pairs(): [number, number][] {
  const all: [number, number][] = [];
  for (let x = 0; x <= 99; x++) for (let y = x; y <= 99; y++) all.push([x, y]);
  return all;
}

/** "x y" → x + y for 0 ≤ x ≤ y ≤ 99 (400 of the 5050 pairs). */
export function sum(): TaskSpec {
  const chosen = sample(pairs(), 400, randomFor("sum"));
  return {
    name: "sum",
    description: "Add the two numbers.",
    references: ["Sum the two given numbers.", "Add the two numbers and write the result."],
    pairs: chosen.map(([x, y]): Pair => ({ input: `${x} ${y}`, output: String(x + y) })),
  };
}

/** "x y" → x − y for 0 ≤ y ≤ x ≤ 99 (400 of the 5050 pairs). */
export function diff(): TaskSpec {
  const chosen = sample(pairs(), 400, randomFor("diff"));
  return {
    name: "diff",
    description: "Subtract the second number from the first.",
    references: ["Subtract the second number from the first number."],
    pairs: chosen.map(([y, x]): Pair => ({ input: `${x} ${y}`, output: String(x - y) })),
  };
}

const ONES = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

function belowHundred(n: number): string {
  if (n < 20) return ONES[n] ?? "";
  const ones = n % 10;
  return `${TENS[Math.floor(n / 10)]}${ones ? `-${ONES[ones]}` : ""}`;
}

function belowThousand(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0) return belowHundred(rest);
  return `${ONES[hundreds]} hundred${rest ? ` and ${belowHundred(rest)}` : ""}`;
}

/** British English number words: 1255 → "one thousand, two hundred and fifty-five", 1012 → "one thousand and twelve". */
export function verbal(n: number): string {
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  if (thousands === 0) return belowThousand(rest);
  const head = `${belowHundred(thousands)} thousand`;
  if (rest === 0) return head;
  return rest < 100 ? `${head} and ${belowHundred(rest)}` : `${head}, ${belowThousand(rest)}`;
}

/** A number 0–9999 → its name in words (400 numbers, all sizes represented). */
export function numToVerbal(): TaskSpec {
  const random = randomFor("num_to_verbal");
  const numbers = [
    ...sample(
      Array.from({ length: 100 }, (_, i) => i),
      60,
      random,
    ),
    ...sample(
      Array.from({ length: 900 }, (_, i) => i + 100),
      100,
      random,
    ),
    ...sample(
      Array.from({ length: 9000 }, (_, i) => i + 1000),
      240,
      random,
    ),
  ];
  return {
    name: "num_to_verbal",
    description: "Write the number in English words.",
    references: ["Write the number in words.", "Spell out the given number in English words."],
    pairs: numbers.map((n): Pair => ({ input: String(n), output: verbal(n) })),
  };
}
