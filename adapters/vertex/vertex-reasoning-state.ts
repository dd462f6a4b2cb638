import type { ReasoningProviderData } from '../../src/types/assistant-reasoning.ts';

/** The wire format tag of Gemini reasoning state. */
export const GEMINI_REASONING_FORMAT = 'gemini';

/**
 * Gemini's reasoning state of one turn, as `result.reasoningState.providerData`: the thought signatures Gemini returned,
 * tagged with the format and the provider that produced them. Gemini asks for each signature back "in the part it came
 * from": `signatures` by tool-call id (the first function call of a step carries one), `textSignature` for a turn
 * without calls (the signature on its last part).
 */
export interface GeminiReasoningData extends ReasoningProviderData {
  format: typeof GEMINI_REASONING_FORMAT;
  /** Thought signatures of function calls, by the call's id. */
  signatures?: Record<string, string>;
  /** The thought signature of the turn's text, when it made no calls. */
  textSignature?: string;
}

/** The signatures of a state that passed the format and provider check, read leniently (anything malformed is ignored). */
export function readGeminiReasoningData(data: ReasoningProviderData | undefined): { signatures?: Record<string, unknown>; textSignature?: string } {
  if (data === undefined) return {};
  const signatures = typeof data.signatures === 'object' && data.signatures !== null ? (data.signatures as Record<string, unknown>) : undefined;
  const textSignature = typeof data.textSignature === 'string' ? data.textSignature : undefined;
  return { ...(signatures ? { signatures } : {}), ...(textSignature ? { textSignature } : {}) };
}
