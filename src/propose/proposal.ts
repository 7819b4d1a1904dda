/** What a proposer returns, and how raw model text becomes a clean, de-duplicated candidate. */
import type { FillPath } from "../model/types.js";
import type { ShownExample } from "../store/lineage.js";
import type { Origin } from "../store/schema.js";

/** A candidate a proposal was made from, and the eval examples of it the proposer was shown. */
export interface ProposalParent {
  readonly text: string;
  /** Empty where none were shown (resampling). */
  readonly shown: readonly ShownExample[];
}

/** A candidate instruction with where it came from. */
export interface Proposal {
  readonly text: string;
  readonly origin: Origin;
  /** The fill path used by reverse proposals. */
  readonly fillPath?: FillPath | undefined;
  /** Ids of the demos shown to the proposer. */
  readonly demoIds: readonly string[];
  /** The exact prompt (or prefix and suffix) the proposer saw. */
  readonly proposerPrompt: string;
  /** The candidates this one refines (one; a merge's two), first the main one. */
  readonly parents?: readonly ProposalParent[] | undefined;
  readonly round: number;
}

/** Sampling temperature of proposals, as in APE. */
export const PROPOSAL_TEMPERATURE = 0.9;

/** Longest instruction kept, in characters; longer text is cut at a word boundary. */
export const MAX_INSTRUCTION_CHARS = 1_000;

/** Turn raw proposer text into an instruction: first line, no quotes or lead-in, trimmed. */
export function cleanProposal(raw: string): string {
  let t = raw.replace(/\r/g, "").trim().split("\n")[0] ?? "";
  t = t.replace(/^(the )?instruction (was|is) to[:\s]*/i, "").replace(/^instruction:\s*/i, "");
  t = t
    .trim()
    .replace(/^["'“‘`]+|["'”’`]+$/g, "")
    .trim();
  return finishInstruction(t);
}

/** One end mark where several were, and at most `MAX_INSTRUCTION_CHARS`, cut at a word boundary. */
export function finishInstruction(text: string): string {
  const t = text.replace(/([.!?])[.!?\s]*$/, "$1");
  if (t.length <= MAX_INSTRUCTION_CHARS) return t;
  const space = t.lastIndexOf(" ", MAX_INSTRUCTION_CHARS);
  return t.slice(0, space > 0 ? space : MAX_INSTRUCTION_CHARS);
}

/** The key under which two instructions count as the same: case, spacing and end punctuation ignored. */
export function dedupeKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[\s.!;,:]+$/, "")
    .trim();
}

/** Keep the first of each group of equal proposals (by `dedupeKey`), dropping empty ones and any in `seen`. */
export function dedupe(proposals: readonly Proposal[], seen: ReadonlySet<string> = new Set()): Proposal[] {
  const keys = new Set(seen);
  const out: Proposal[] = [];
  for (const p of proposals) {
    const key = dedupeKey(p.text);
    if (key === "" || keys.has(key)) continue;
    keys.add(key);
    out.push(p);
  }
  return out;
}
