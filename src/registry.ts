/**
 * What the registries of the extension points (backends, selectors, proposers, scorers, metrics)
 * share, in the style of a provider registry: each entry gives its name and how to make the part,
 * and the part made carries its identity (its name and the settings it was made with), so that a
 * different setting is a different run (see `runConfig`).
 */
import { stableJson } from "./stable-json.js";

/** What makes a part what it is: its registry name and its settings that differ from the defaults. */
export interface PartIdentity {
  readonly name: string;
  /** Only the settings given with a value other than the default: empty for a part made with its defaults. */
  readonly settings: Readonly<Record<string, unknown>>;
}

/** The identity of the part `name` made with `settings`, those equal to `defaults` left out. */
export function partIdentity(name: string, settings: object | undefined, defaults: object = {}): PartIdentity {
  const fallback = new Map(Object.entries(defaults));
  const differ = Object.entries(settings ?? {}).filter(([key, value]) => value !== undefined && stableJson(value) !== stableJson(fallback.get(key)));
  return { name, settings: Object.fromEntries(differ) };
}

/**
 * The identity as one text, as a run's config hash takes it: the bare name for a part at its
 * defaults (what runs recorded before parts had settings, so their hashes stay), else the name
 * followed by its settings as JSON, e.g. `multistage{"z":4}`.
 */
export function identityText(identity: PartIdentity): string {
  return Object.keys(identity.settings).length === 0 ? identity.name : `${identity.name}${stableJson(identity.settings)}`;
}

/** The names of a registry's entries, in order, as a non-empty tuple (what a closed set of choices is checked against). */
export function registryNames<N extends string>(entries: readonly [{ readonly name: N }, ...{ readonly name: N }[]]): readonly [N, ...N[]] {
  const [first, ...rest] = entries;
  return [first.name, ...rest.map((e) => e.name)];
}
