import { VersionDriftError } from '../errors/version-drift-error.ts';
import type { ChatRequest } from '../types/chat-request.ts';
import type { ChatResult } from '../types/chat-result.ts';
import type { EmbedRequest } from '../types/embed-request.ts';
import type { EmbedResult } from '../types/embed-result.ts';
import type { Provider } from '../types/provider.ts';
import type { StreamPart } from '../types/stream-part.ts';
import { detectDrift, type Drift } from './detect-drift.ts';
import type { DriftEvent } from './drift-event.ts';

/** Settings of `withVersionPinning`. */
export interface VersionPinningSettings {
  /** The version every response must report (`gpt-4o-2024-08-06`, `gemini-2.0-flash-001`). */
  pin: string;
  /**
   * What to do when a response reports another version:
   * - `warn`: return it, with a warning on the result and a `drift` event;
   * - `error`: throw `VersionDriftError` (action `error`) instead of the result;
   * - `failover`: throw `VersionDriftError` (action `failover`), which the router treats as a reason to try the next target.
   * @default 'warn'
   */
  onDrift?: 'warn' | 'error' | 'failover';
  /** Receives a `drift` event for every drifted response, whatever the policy. */
  emit?: (event: DriftEvent) => void;
  /** The alias, for events (the router sets it). */
  alias?: string;
}

const CHECK_FINISH = Symbol.for('switchyard.versionPinning.checkFinish');
const UNPINNED = Symbol.for('switchyard.versionPinning.unpinned');

/**
 * For the router's stream path, which skips the wrapper's per-part layer: the unwrapped provider and the check to run
 * on the `finish` part, or undefined when `provider` is not pinned.
 */
export function streamPinning(provider: Provider): { provider: Provider; checkFinish: (part: Extract<StreamPart, { type: 'finish' }>, model: string) => void } | undefined {
  const own = provider as unknown as Record<symbol, unknown>;
  const checkFinish = own[CHECK_FINISH] as ((part: Extract<StreamPart, { type: 'finish' }>, model: string) => void) | undefined;
  return checkFinish ? { provider: own[UNPINNED] as Provider, checkFinish } : undefined;
}

/**
 * Wraps a provider so that every response's served version (`ChatResult.model`, a stream's `finish` part, an
 * `EmbedResult.model`) is compared with `pin` (see `detectDrift` for what counts as the same version).
 * Everything else about the provider (id, type, apiVersion, capabilities, `close`, escape hatches) passes through.
 *
 * Streams: the served version is known only at the `finish` part, after the content has been delivered.
 * Under `warn` the finish part carries the warning; under `error` and `failover` the stream throws
 * `VersionDriftError` in place of the finish part (never a finish after it), so a drifted stream cannot be
 * failed over transparently: the router reports it as an interrupted stream, and the caller decides.
 *
 * @example
 * const pinned = withVersionPinning(createOpenAI({ apiKey }), { pin: 'gpt-4o-2024-08-06', onDrift: 'error' });
 */
export function withVersionPinning(provider: Provider, settings: VersionPinningSettings): Provider {
  const onDrift = settings.onDrift ?? 'warn';

  /** Reports the drift and returns the warning to attach, or throws under `error` and `failover`. */
  const handle = (drift: Drift, operation: DriftEvent['operation'], model: string, meta: { requestId?: string; usage?: ChatResult['usage']; capacity?: ChatResult['capacity'] }): string => {
    const message = `${provider.id} served '${drift.served}' for '${model}', but the target is pinned to '${drift.pin}'.`;
    const event: DriftEvent = { provider: provider.id, providerType: provider.type, model, pin: drift.pin, served: drift.served, operation, action: onDrift };
    if (settings.alias !== undefined) event.alias = settings.alias;
    if (meta.requestId !== undefined) event.requestId = meta.requestId;
    try {
      settings.emit?.(event);
    } catch {
      // A listener's failure must not change the call's outcome.
    }
    if (onDrift === 'warn') return `${message} Set the pin to the new version once it is tested, or use versions.onDrift to fail instead.`;
    const fix = onDrift === 'failover' ? 'Trying the next target (versions.onDrift: failover).' : 'Test the new version and update the pin, or set versions.onDrift: warn.';
    throw new VersionDriftError(`${message} ${fix}`, { ...drift, model, provider: provider.id, action: onDrift, usage: meta.usage, requestId: meta.requestId, ...(meta.capacity ? { capacity: meta.capacity } : {}) });
  };

  async function chat(request: ChatRequest): Promise<ChatResult> {
    const result = await provider.chat(request);
    const drift = detectDrift(settings.pin, result.model);
    if (drift) result.warnings.push({ type: 'other', setting: 'pin', message: handle(drift, 'chat', request.model, result) });
    return result;
  }

  /** Checks a stream's `finish` part: adds the warning under `warn`, throws `VersionDriftError` under `error`/`failover`. */
  const checkFinish = (part: Extract<StreamPart, { type: 'finish' }>, model: string): void => {
    const drift = detectDrift(settings.pin, part.model);
    if (drift) part.warnings.push({ type: 'other', setting: 'pin', message: handle(drift, 'stream', model, part) });
  };

  // A plain iterator rather than an async generator: one `then` per part, and the check on the finish part only.
  // A drift error under `error`/`failover` replaces the finish part. (The router skips this layer: it calls
  // `checkFinish` itself on the finish part.)
  function stream(request: ChatRequest): AsyncIterable<StreamPart> {
    return {
      [Symbol.asyncIterator](): AsyncIterator<StreamPart> {
        const inner = provider.stream(request)[Symbol.asyncIterator]();
        const check = (result: IteratorResult<StreamPart>): IteratorResult<StreamPart> => {
          if (!result.done && result.value.type === 'finish') checkFinish(result.value, request.model);
          return result;
        };
        return {
          next: () => inner.next().then(check),
          return: (value?: unknown) => (inner.return ? inner.return(value) : Promise.resolve({ done: true, value: undefined })),
        };
      },
    };
  }

  async function embed(request: EmbedRequest): Promise<EmbedResult> {
    const result = await provider.embed(request);
    const drift = detectDrift(settings.pin, result.model);
    if (drift) result.warnings.push({ type: 'other', setting: 'pin', message: handle(drift, 'embed', request.model, result) });
    return result;
  }

  const own: Record<PropertyKey, unknown> = { chat, stream, embed, [CHECK_FINISH]: checkFinish, [UNPINNED]: provider };
  return new Proxy(provider, {
    get(target, key) {
      if (Object.hasOwn(own, key)) return own[key];
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
