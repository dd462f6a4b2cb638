import type { ScriptStep } from './script-step.ts';

/** Hands out script steps one per request; the last one repeats. */
export class ScriptQueue {
  #steps: ScriptStep[];
  #next = 0;

  constructor(script: ScriptStep | ScriptStep[]) {
    this.#steps = Array.isArray(script) ? [...script] : [script];
    if (this.#steps.length === 0) throw new Error('A mock provider script needs at least one step.');
  }

  /** The step for the next request. */
  take(): ScriptStep {
    const step = this.#steps[Math.min(this.#next, this.#steps.length - 1)] as ScriptStep;
    this.#next++;
    return step;
  }

  /** Replaces the script and starts again from its first step. */
  reset(script: ScriptStep | ScriptStep[]): void {
    this.#steps = Array.isArray(script) ? [...script] : [script];
    this.#next = 0;
  }
}
