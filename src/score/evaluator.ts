/**
 * The bridge between a Selector and a Scorer: turns "candidate i on examples [..]" into scored
 * items, hands each batch to the flow as it completes (which records it), and never scores the
 * same (candidate, example) twice within a run.
 */
import type { ScoredExample } from "../store/evaluations.js";
import type { Example, SplitName } from "../task/types.js";
import type { Scorer } from "./scorer.js";

/** A candidate as the evaluator knows it. */
export interface EvalCandidate {
  readonly id: number;
  readonly text: string;
}

/** One candidate's freshly scored examples of one split. */
export interface ScoredBatch {
  readonly candidateId: number;
  readonly split: SplitName;
  readonly rows: readonly ScoredExample[];
}

/** One example scored for one candidate, as the evaluator keeps it. */
export interface KeptScore {
  readonly candidateId: number;
  readonly split: SplitName;
  readonly row: ScoredExample;
}

/** Scores candidates on examples of one split, memoised; each batch goes to `onScored` as it completes. */
export class Evaluator {
  private readonly memo = new Map<string, KeptScore>();
  private done = 0;

  constructor(
    private readonly scorer: Scorer,
    /** Called with each scored batch and the evaluations scored so far (this batch included). */
    private readonly onScored: (batch: ScoredBatch, done: number) => void,
  ) {}

  /** Evaluations actually scored (memo hits are not counted). */
  get evaluations(): number {
    return this.done;
  }

  /** Scores of `candidate` on `examples` of `split`, in order. */
  async score(candidate: EvalCandidate, split: SplitName, examples: readonly Example[]): Promise<number[]> {
    const key = (e: Example): string => `${candidate.id}\u0000${split}\u0000${e.id}`;
    const todo = examples.filter((e) => !this.memo.has(key(e)));
    const unique = [...new Map(todo.map((e) => [e.id, e])).values()];
    if (unique.length > 0) {
      const scored = await this.scorer.score(unique.map((example) => ({ instruction: candidate.text, example })));
      const rows: ScoredExample[] = [];
      unique.forEach((e, i) => {
        const s = scored[i];
        if (!s) return;
        const row: ScoredExample = { exampleId: e.id, output: s.output, score: s.score, feedback: s.feedback };
        this.memo.set(key(e), { candidateId: candidate.id, split, row });
        rows.push(row);
      });
      this.done += unique.length;
      this.onScored({ candidateId: candidate.id, split, rows }, this.done);
    }
    return examples.map((e) => this.memo.get(key(e))?.row.score ?? 0);
  }

  /**
   * Every example scored on `split` so far, oldest first: what refining rounds choose parents and
   * show failures from. It holds what this run has scored up to now, so a resumed run, replaying,
   * sees at each round what the first process saw there.
   */
  scored(split: SplitName): KeptScore[] {
    return [...this.memo.values()].filter((k) => k.split === split);
  }

  /** Mean and count of everything scored for `candidate` on `split` so far. */
  summary(candidateId: number, split: SplitName): { readonly mean: number | null; readonly count: number } {
    const prefix = `${candidateId}\u0000${split}\u0000`;
    let sum = 0;
    let count = 0;
    for (const [k, v] of this.memo) {
      if (k.startsWith(prefix)) {
        sum += v.row.score;
        count++;
      }
    }
    return { mean: count > 0 ? sum / count : null, count };
  }
}
