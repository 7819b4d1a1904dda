/**
 * Reading a judge's reply: the first score line (`Score: 7`, `**Score:** 7/10`, `score = 0.7 out of
 * 1`; a bare number is out of the judge's scale) and its reasons (after `Reasons:`, else the rest
 * of the reply). A reply without a score, or with one outside its scale, is no verdict: the judge
 * metric fails the run with the reply quoted, never scores it 0.
 */
import { JUDGE_SCALE } from "./judge-prompt.js";

/** What a reply says: a score in [0, 1] and the reasons, or why it says nothing usable. */
export type JudgeVerdict = { readonly ok: true; readonly score: number; readonly reasons: string } | { readonly ok: false; readonly problem: string };

const SCORE = /\bscore\b[*_\s]*[:=][*_\s]*(-?\d+(?:\.\d+)?)(?:\s*(?:\/|out of)\s*(\d+(?:\.\d+)?))?/i;
const REASONS = /\breasons?\b[*_\s]*[:=][*_\s]*([\s\S]*)/i;

/** Read `reply`. */
export function parseJudgeReply(reply: string): JudgeVerdict {
  const match = SCORE.exec(reply);
  if (!match) return { ok: false, problem: `the judge's reply has no "Score: N" line: ${quote(reply)}` };
  const value = Number(match[1]);
  const scale = match[2] === undefined ? JUDGE_SCALE : Number(match[2]);
  if (!(scale > 0) || value < 0 || value > scale) return { ok: false, problem: `the judge's score ${match[1]} is outside 0–${scale}: ${quote(reply)}` };
  const labelled = REASONS.exec(reply)?.[1];
  const reasons = (labelled ?? reply.replace(match[0], "")).replace(/^[\s*_:]+|\s+$/g, "");
  return { ok: true, score: value / scale, reasons };
}

function quote(reply: string): string {
  const text = reply.trim();
  if (text === "") return "it was empty";
  return `it said ${JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…` : text)}`;
}
