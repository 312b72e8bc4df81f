/**
 * Which instance runs a periodic task (the handoff sweep, retention). With one process it always
 * does ({@link LocalLease}); with several on Redis, the one holding the lease does
 * (`redisLease.ts`). Each time the lease changes hands its fencing token grows, so work started
 * under an older token can be told apart and refused.
 */

/** A lease on one periodic task. */
export interface Lease {
  /**
   * Takes the lease, or renews it when this instance holds it; resolves the fencing token when this
   * instance holds it now, undefined when another instance does.
   */
  acquire(): Promise<number | undefined>;
  /** True while this instance still holds the lease under `fence` (checked before acting on a sweep's results). */
  holds(fence: number): Promise<boolean>;
  /** Gives the lease up (at shutdown), so another instance takes over at once rather than when it expires. */
  release(): Promise<void>;
}

/** The lease of a single process: always held, under one token. */
export class LocalLease implements Lease {
  acquire(): Promise<number> {
    return Promise.resolve(1);
  }

  holds(fence: number): Promise<boolean> {
    return Promise.resolve(fence === 1);
  }

  release(): Promise<void> {
    return Promise.resolve();
  }
}
