import { markError, SwitchyardError } from './switchyard-error.ts';

/**
 * The shared state (`state.type: redis`) cannot be reached, or did not answer within `state.timeoutMs`, and
 * `state.onUnavailable` is `fail`: the call fails rather than go on without the fleet's view. Code `state_unavailable`.
 */
export class StateUnavailableError extends SwitchyardError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('state_unavailable', message, options);
  }
}
markError(StateUnavailableError);
