import type { Clock } from '../resilience/clock.ts';
import type { LimitCounterMap } from './local-limits.ts';
import type { RedisLink } from './redis-link.ts';

/** An attempt's share of one admission group, as the script answered it. */
export interface GroupPart {
  /**
   * `ok`: taken; `blocked`: one of this part's operations is at its limit (`blockedAt`, its index in the part, with
   * `waitMs` for a window, -2 when it can never fit); `not-taken`: another part was blocked (or has a period to load),
   * so nothing was taken; `init`: a budget period of this part has to be loaded from the ledger first.
   */
  status: 'ok' | 'blocked' | 'not-taken' | 'init';
  /** One result per operation of the part (the standing of a budget, the count of a limit). */
  results: unknown[];
  blockedAt?: number;
  waitMs?: number;
}

/** What the parts of the Redis state store (targets, circuits, budgets, averages) share. */
export interface RedisStateContext {
  readonly link: RedisLink;
  readonly clock: Clock;
  /** Prefix of every key. */
  readonly keyPrefix: string;
  readonly onUnavailable: 'local' | 'fail';
  /** What this instance holds and counted itself: its own share of every limit, for when Redis is away. */
  readonly counters: LimitCounterMap;
  /** Instances sharing the state, as last seen (at least 1). */
  instances(): number;
  /** Adds operations to the group being built (inside `together`), or sends them as a group of their own. */
  admit(ops: string[], count: number): Promise<GroupPart>;
  /**
   * Queues operations for the next batch, sent off the request path (within the same turn of the event loop as
   * others). `onResult` gets the part's results; `onFailed` runs when the batch could not be applied.
   */
  enqueue(ops: string[], count: number, onResult?: (results: unknown[]) => void, onFailed?: () => void): void;
  /** Sends operations in a batch of their own now (a probe claim, which an attempt waits for). */
  runNow(ops: string[], count: number): Promise<unknown[]>;
  /** Notes what this instance added to a window while Redis was away (written back on reconnect). */
  noteAway(key: string, second: number, amount: number): void;
  /** Registers what to write back after every (re)connect: operations, the count, and how to keep them if not written. */
  onSync(collect: (lost: boolean) => { ops: string[]; count: number; undo?: () => void }): void;
}
