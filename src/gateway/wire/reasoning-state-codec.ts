import type { ReasoningProviderData } from '../../types/assistant-reasoning.ts';
import { GatewayRequestError } from '../gateway-request-error.ts';
import { isWireObject } from './wire-values.ts';

/** The mark of reasoning state the gateway handed out, before its base64url JSON. */
const PREFIX = 'sy1.';

/**
 * Reasoning state as the Responses route hands it out in a reasoning item's `encrypted_content` (with
 * `include: ["reasoning.encrypted_content"]`) and reads it back from the `input` of the next turn: the provider's own
 * state (`ReasoningProviderData`: OpenAI's encrypted reasoning items, Gemini thought signatures, Anthropic thinking
 * blocks with their signatures), tagged with its wire format and provider, as `sy1.` and base64url JSON. The gateway
 * keeps nothing, so any replica reads it. It is opaque to clients but not encrypted by the gateway: what it carries is
 * protected by its provider (encrypted by OpenAI, signed by Google and Anthropic, who reject altered state), and each
 * adapter sends it back only to the provider and wire format it came from.
 */
export function encodeReasoningState(data: ReasoningProviderData): string {
  return PREFIX + Buffer.from(JSON.stringify(data), 'utf8').toString('base64url');
}

/** The state in a reasoning item's `encrypted_content` (`param` names it for the 400 of anything else). */
export function decodeReasoningState(text: string, param: string): ReasoningProviderData {
  const refuse = (why: string) =>
    new GatewayRequestError(400, `${param}: ${why}. Send back the reasoning items of this gateway's own responses unchanged (asked for with include: ["reasoning.encrypted_content"]), or leave encrypted_content out.`, { param, code: 'invalid_encrypted_content' });
  if (!text.startsWith(PREFIX)) throw refuse('this is not reasoning state from Switchyard\'s gateway (reasoning encrypted by a provider for another client cannot be continued here)');
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(text.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw refuse('the reasoning state is damaged (not the base64url JSON the gateway wrote)');
  }
  if (!isWireObject(data) || typeof data.format !== 'string' || typeof data.provider !== 'string') throw refuse('the reasoning state is damaged (it names no wire format and provider)');
  return data as ReasoningProviderData;
}
