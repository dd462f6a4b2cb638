/**
 * Emitted (`warning`) when the shared state's Redis becomes unreachable (`state-unavailable`, once per outage) and when
 * it is back (`state-recovered`). The message names the server (host, port, database), never its password.
 */
export interface StateWarning {
  code: 'state-unavailable' | 'state-recovered';
  /** What happened and what the calls do meanwhile (`state.onUnavailable`). */
  message: string;
  /** The Redis server, as `host:port/db`. */
  where: string;
}
