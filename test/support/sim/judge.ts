/**
 * The simulated model as an LLM judge: a prompt in ape's judge form (src/metrics/judge-prompt.ts)
 * is answered with a score line and reasons. By default an answer that holds one of the acceptable
 * answers (case-insensitively) gets `Score: 10`, any other `Score: 2`; a world's `judge` may answer
 * instead (a test's own verdicts, or replies the judge cannot read).
 */
import type { JudgeAsk, SimWorld } from "./types.js";

const OPENING = "You grade one answer to a task by a rubric.";
const HEADERS = ["Rubric:", "The task's input:", "An acceptable answer:", "Acceptable answers:", "The answer to grade:"] as const;

/** The parts of a judge prompt, or undefined for any other prompt. */
export function parseJudge(prompt: string): JudgeAsk | undefined {
  if (!prompt.startsWith(OPENING)) return undefined;
  const lines = prompt.split("\n");
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of lines.slice(1, -1)) {
    if ((HEADERS as readonly string[]).includes(line)) {
      current = [];
      sections.set(line, current);
    } else current?.push(line);
  }
  const text = (header: string): string => (sections.get(header) ?? []).join("\n").trim();
  const one = sections.get("An acceptable answer:");
  const acceptable = one
    ? [text("An acceptable answer:")]
    : (sections.get("Acceptable answers:") ?? []).filter((l) => l.startsWith("- ")).map((l) => l.slice(2));
  return { rubric: text("Rubric:"), input: text("The task's input:"), acceptable, answer: text("The answer to grade:") };
}

/** The judge's reply to `ask` in `world`. */
export function judgeReply(world: SimWorld, ask: JudgeAsk): string {
  if (world.judge) return world.judge(ask);
  const answer = ask.answer.toLowerCase();
  const hit = ask.acceptable.find((a) => a.trim() !== "" && answer.includes(a.trim().toLowerCase()));
  return hit !== undefined
    ? `Score: 10\nReasons: The answer gives ${JSON.stringify(hit)}, an acceptable answer.`
    : `Score: 2\nReasons: The answer ${JSON.stringify(ask.answer)} is none of the acceptable answers (${ask.acceptable.join(", ")}).`;
}
