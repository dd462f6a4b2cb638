import type { AssistantReasoning } from '../../src/types/assistant-reasoning.ts';
import { GEMINI_REASONING_FORMAT, type GeminiReasoningData } from './vertex-reasoning-state.ts';
import type { VertexSignatureStore } from './vertex-signature-store.ts';

/**
 * Gathers one response's reasoning: thought text (parts with `thought: true`) and thought signatures. Signatures of
 * function calls go to the provider's signature store (so that a replay without `messages[i].reasoning` still carries
 * them, within this process) and into the turn's `reasoningState` (so that any replica can replay them).
 */
export class VertexReasoningCollector {
  #text = '';
  #signatures: Record<string, string> | undefined;
  #textSignature: string | undefined;
  readonly #store: VertexSignatureStore;
  readonly #provider: string;

  constructor(store: VertexSignatureStore, provider: string) {
    this.#store = store;
    this.#provider = provider;
  }

  /** A piece of thought text. */
  thought(text: string): void {
    this.#text += text;
  }

  /** The signature of the function call with this id. */
  callSignature(callId: string, signature: string): void {
    this.#store.set(callId, signature);
    (this.#signatures ??= {})[callId] = signature;
  }

  /** A signature on a part that is not a function call (Gemini puts a text-only turn's signature on its last part). */
  textSignature(signature: string): void {
    this.#textSignature = signature;
  }

  /** The thought text, or undefined when there was none. */
  get text(): string | undefined {
    return this.#text === '' ? undefined : this.#text;
  }

  /** The turn's reasoning state, or undefined when it has neither thought text nor signatures. */
  state(): AssistantReasoning | undefined {
    const text = this.text;
    if (this.#signatures === undefined && this.#textSignature === undefined) return text === undefined ? undefined : { text };
    const providerData: GeminiReasoningData = { format: GEMINI_REASONING_FORMAT, provider: this.#provider };
    if (this.#signatures) providerData.signatures = this.#signatures;
    if (this.#textSignature) providerData.textSignature = this.#textSignature;
    return text === undefined ? { providerData } : { text, providerData };
  }
}
