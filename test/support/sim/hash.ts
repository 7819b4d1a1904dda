/**
 * Deterministic pseudo-randomness: every "random" choice of the simulator is a hash of the seed
 * and whatever identifies the choice, so the same request always gets the same answer.
 */
import { createHash } from "node:crypto";

/** A number in [0, 1) from the hash of `parts`. */
export function unit(...parts: readonly (string | number | undefined)[]): number {
  const digest = createHash("sha256").update(JSON.stringify(parts)).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/** An integer in [0, size) from the hash of `parts`. */
export function pick(size: number, ...parts: readonly (string | number | undefined)[]): number {
  return Math.min(size - 1, Math.floor(unit(...parts) * size));
}

/** Indices 0..size-1 in an order fixed by the hash of `parts`. */
export function permutation(size: number, ...parts: readonly (string | number | undefined)[]): number[] {
  const order = Array.from({ length: size }, (_, i) => i);
  for (let i = size - 1; i > 0; i--) {
    const j = pick(i + 1, ...parts, "swap", i);
    const a = order[i] as number;
    order[i] = order[j] as number;
    order[j] = a;
  }
  return order;
}
