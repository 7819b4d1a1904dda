/**
 * Adapts a node-llama-cpp context sequence to the narrow `ScoringSequence` interface: cache
 * truncation, and evaluation that returns exact log-probabilities of chosen next tokens.
 */
import type { LlamaContextSequence, Token } from "node-llama-cpp";
import { logSoftmaxAt, type ScoringSequence } from "./prefix-scorer.js";

/**
 * Wrap `sequence`. For each target position we ask llama.cpp for the target token's raw logit, the
 * top logit and the total logit weight Σ exp(logit − max) over the whole vocabulary (greedy
 * sampler: no temperature, top-k or penalties touch the logits), and take the log-softmax. Only two
 * logits per position cross into JavaScript, not the whole vocabulary.
 */
export function scoringSequence(sequence: LlamaContextSequence): ScoringSequence & { readonly native: LlamaContextSequence } {
  return {
    native: sequence,
    get contextTokens(): readonly number[] {
      return sequence.contextTokens;
    },
    async truncate(index: number): Promise<void> {
      const end = sequence.nextTokenIndex;
      if (index < end) await sequence.eraseContextTokenRanges([{ start: index, end }]);
    },
    async evaluate(tokens: readonly number[], targets: ReadonlyMap<number, number>): Promise<Map<number, number>> {
      const input = tokens.map((t, i) => {
        const target = targets.get(i);
        if (target === undefined) return t as Token;
        return [t as Token, { generateNext: { logits: { filter: { tokens: [target as Token], includeTop: 1 } }, totalLogitWeight: true } }] as const;
      });
      const outputs = await sequence.controlledEvaluate(input as Parameters<LlamaContextSequence["controlledEvaluate"]>[0]);
      const result = new Map<number, number>();
      for (const [i, target] of targets) {
        const next = outputs[i]?.next;
        const logits = next?.logits;
        const weight = next?.totalLogitWeight;
        const top = logits === undefined ? undefined : Math.max(...logits.values());
        const logit = logits?.get(target as Token);
        if (logits === undefined || weight === undefined || top === undefined || logit === undefined) {
          throw new Error(`llama.cpp returned no logits for position ${i}`);
        }
        result.set(i, logSoftmaxAt(logit, top, weight));
      }
      return result;
    },
  };
}
