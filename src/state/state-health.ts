/** The shared state in `health()`: what kind, and where the state in use comes from right now. */
export interface StateHealth {
  /** The configured `state.type`. */
  type: 'memory' | 'redis';
  /**
   * Where the state used now comes from: `memory` (this process, as configured), `redis` (shared by the fleet), or
   * `local` (Redis is unreachable and `onUnavailable: local` lets this process carry on with its own state).
   */
  source: 'memory' | 'redis' | 'local';
  /** Redis: `connecting` (at start), `up`, or `down`. */
  status?: 'connecting' | 'up' | 'down';
  /** Redis: `host:port/db` (never the user or password). */
  where?: string;
  /** Redis: the key prefix. */
  keyPrefix?: string;
  /** Redis: `local` or `fail`. */
  onUnavailable?: 'local' | 'fail';
  /** Redis: since when `status` holds, ms since the epoch. */
  since?: number;
  /** Redis: why it is down. */
  lastError?: string;
  /** Redis: instances sharing the state, from their heartbeats (this one included). */
  instances?: number;
  /** Redis: this instance's id (`host:pid:random`). */
  instanceId?: string;
}
