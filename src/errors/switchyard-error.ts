const MARKER_PREFIX = 'switchyard.error.';

/** Options every Switchyard error takes. */
export interface SwitchyardErrorOptions {
  /** The provider's config id or type, where the error belongs to one. */
  provider?: string | undefined;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * The base of every error Switchyard throws. Each subclass has a stable `code` to branch on,
 * and a static `isInstance()` that also works across duplicate installs of the package
 * (it checks a `Symbol.for` marker rather than the prototype chain).
 */
export class SwitchyardError extends Error {
  /** A stable, machine-readable code such as `rate_limit` or `config`. */
  readonly code: string;
  /** The provider's config id or type, where the error belongs to one. */
  declare readonly provider?: string;

  constructor(code: string, message: string, options: SwitchyardErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.provider !== undefined) this.provider = options.provider;
  }

  /** True when `value` is a Switchyard error of this class (or a subclass), from any copy of the package. */
  static isInstance<T extends abstract new (...args: never[]) => unknown>(this: T, value: unknown): value is InstanceType<T> {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[Symbol.for(MARKER_PREFIX + (this as unknown as { name: string }).name)] === true;
  }
}

/**
 * Marks a class so that `isInstance` recognises it and its subclasses, and gives instances the class
 * name as `name`. Called once after each class declaration.
 */
export function markError(errorClass: { name: string; prototype: object }): void {
  Object.defineProperty(errorClass.prototype, Symbol.for(MARKER_PREFIX + errorClass.name), { value: true });
  Object.defineProperty(errorClass.prototype, 'name', { value: errorClass.name, configurable: true, writable: true });
}

markError(SwitchyardError);
