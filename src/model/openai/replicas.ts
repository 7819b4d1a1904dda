/**
 * Several base URLs serving one model (replicas, or routers in front of them): each request goes to
 * the replica with the fewest requests outstanding; one that failed to connect rests for a while.
 */
import { at } from "../../at.js";

/** A replica: its URL and a client for it. */
export interface Replica<C> {
  readonly url: string;
  readonly client: C;
}

/** How long a replica that failed rests before it is tried again, in milliseconds. */
export const REST_MS = 5_000;

/** Least-outstanding-requests routing over replicas. */
export class ReplicaPool<C> {
  private readonly replicas: readonly Replica<C>[];
  private readonly outstanding: number[];
  private readonly restingUntil: number[];

  constructor(replicas: readonly Replica<C>[]) {
    if (replicas.length === 0) throw new Error("a replica pool needs at least one replica");
    this.replicas = replicas;
    this.outstanding = replicas.map(() => 0);
    this.restingUntil = replicas.map(() => 0);
  }

  /** The first replica. */
  get primary(): Replica<C> {
    return at(this.replicas, 0);
  }

  /** Every replica, in the order given. */
  get all(): readonly Replica<C>[] {
    return this.replicas;
  }

  /**
   * Run `task` on the least busy replica that is not resting (or the one whose rest ends first
   * when all rest). A connection failure rests the replica and the error goes to the caller,
   * whose retry will land on another replica.
   */
  async use<T>(task: (replica: Replica<C>) => Promise<T>, isConnectionFailure: (error: unknown) => boolean): Promise<T> {
    const i = this.pick();
    const replica = at(this.replicas, i);
    this.outstanding[i] = (this.outstanding[i] ?? 0) + 1;
    try {
      return await task(replica);
    } catch (error) {
      if (isConnectionFailure(error) && this.replicas.length > 1) this.restingUntil[i] = Date.now() + REST_MS;
      throw error;
    } finally {
      this.outstanding[i] = (this.outstanding[i] ?? 1) - 1;
    }
  }

  private pick(): number {
    const t = Date.now();
    let best = -1;
    for (let i = 0; i < this.replicas.length; i++) {
      if ((this.restingUntil[i] ?? 0) > t) continue;
      if (best < 0 || (this.outstanding[i] ?? 0) < (this.outstanding[best] ?? 0)) best = i;
    }
    if (best >= 0) return best;
    let soonest = 0;
    for (let i = 1; i < this.replicas.length; i++) {
      if ((this.restingUntil[i] ?? 0) < (this.restingUntil[soonest] ?? 0)) soonest = i;
    }
    return soonest;
  }
}
