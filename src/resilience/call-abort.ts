/**
 * The abort of one routed call (or of a hedge branch): an `AbortController` whose `signal` goes to the providers, plus
 * hooks that run when it aborts. The attempts of the call watch it through a hook rather than an `abort` listener on
 * the signal: an EventTarget listener added and removed per attempt costs more than the rest of the attempt's
 * bookkeeping. Only Switchyard aborts it (the caller's abort, the deadline, a lost hedge, a stream returned while it
 * opens), so every abort goes through `abort()`.
 */
export class CallAbort {
  readonly #controller = new AbortController();
  /** The one hook watching, the common case (one attempt at a time), with no array. */
  #hook: (() => void) | undefined;
  /** The others, when more than one watches (hedges, a stream's opening). */
  #hooks: Array<() => void> | undefined;

  /** The signal the call's requests are sent with. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Aborts the signal with `reason` (its listeners, undici's among them, run first), then runs the hooks once. */
  abort(reason: unknown): void {
    if (this.#controller.signal.aborted) return;
    this.#controller.abort(reason);
    const hook = this.#hook;
    const hooks = this.#hooks;
    this.#hook = undefined;
    this.#hooks = undefined;
    hook?.();
    if (hooks) for (let i = 0; i < hooks.length; i++) (hooks[i] as () => void)();
  }

  /** Runs `hook` when the call aborts (not when it already has: check `signal.aborted` first). */
  watch(hook: () => void): void {
    // The slot only while no array exists, so that hooks still run in the order they were added.
    if (this.#hook === undefined && this.#hooks === undefined) this.#hook = hook;
    else (this.#hooks ??= []).push(hook);
  }

  /** Stops running `hook`. */
  unwatch(hook: () => void): void {
    if (this.#hook === hook) {
      this.#hook = undefined;
      return;
    }
    const hooks = this.#hooks;
    if (hooks === undefined) return;
    const i = hooks.indexOf(hook);
    if (i !== -1) hooks.splice(i, 1);
  }
}
