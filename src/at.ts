/** Reading an element the code knows is there, without a cast that would hide a bug. */

/** `xs[i]`, which the caller knows exists; a missing one is a bug in ape and fails loudly as one. */
export function at<T>(xs: readonly T[], i: number): T {
  if (!Number.isInteger(i) || i < 0 || i >= xs.length) throw new RangeError(`ape bug: index ${i} is outside a list of ${xs.length}`);
  return xs[i] as T;
}

/** `map.get(key)`, which the caller knows is set; a missing one is a bug in ape and fails loudly as one. */
export function entry<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined && !map.has(key)) throw new RangeError(`ape bug: no entry for ${String(key)}`);
  return value as V;
}
