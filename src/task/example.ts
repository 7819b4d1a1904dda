/** One example of a task: what every stage (and a metric of yours) reads of it. A leaf: it imports nothing. */

/** One input with every output that counts as correct. */
export interface Example {
  /** Stable id within the task (from the file, or the 0-based position). */
  readonly id: string;
  readonly input: string;
  /** At least one acceptable output; the best match counts. */
  readonly outputs: readonly string[];
}
