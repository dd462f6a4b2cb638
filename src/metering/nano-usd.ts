import type { Cost } from '../types/cost.ts';

/** One US dollar in nano-USD. */
export const NANO_PER_USD = 1_000_000_000n;

/**
 * Parses a decimal amount (a number as written in config or price data, or a decimal string such as an
 * invoice's `12.3456`) into an exact integer of `10^-scale` units, without floating-point arithmetic.
 * Digits beyond `scale` are rounded half away from zero. Throws a `RangeError` on anything not a finite decimal.
 *
 * @example parseDecimal(0.01875, 9) === 18_750_000n
 */
export function parseDecimal(value: number | string, scale: number): bigint {
  const text = typeof value === 'number' ? numberToPlainString(value) : expandExponent(value.trim());
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new RangeError(`not a decimal amount: ${JSON.stringify(value)}`);
  const [, sign, whole, fraction = ''] = match;
  const kept = fraction.slice(0, scale).padEnd(scale, '0');
  let units = BigInt((whole || '0') + kept);
  const next = fraction.charCodeAt(scale);
  if (next >= 53 /* '5' */ && next <= 57) units += 1n;
  return sign === '-' ? -units : units;
}

/** USD (a number or a decimal string) to exact nano-USD, rounded half away from zero at the nano. */
export function usdToNano(usd: number | string): bigint {
  return parseDecimal(usd, 9);
}

/** Nano-USD to a number of USD, for display only. */
export function nanoToUsd(nano: bigint | number): number {
  return Number(nano) / 1e9;
}

/**
 * Nano-USD to an exact decimal USD string with `decimals` places (default 9, every digit kept),
 * rounded half away from zero when fewer places are asked. Never goes through a float.
 * @example formatNanoUsd(1_234_500_000n, 2) === '1.23'
 */
export function formatNanoUsd(nano: bigint, decimals = 9): string {
  const negative = nano < 0n;
  let abs = negative ? -nano : nano;
  if (decimals < 9) {
    const step = 10n ** BigInt(9 - decimals);
    abs = ((abs + step / 2n) / step) * step;
  }
  const whole = abs / NANO_PER_USD;
  const fraction = (abs % NANO_PER_USD).toString().padStart(9, '0').slice(0, decimals);
  const text = decimals > 0 ? `${whole}.${fraction}` : `${whole}`;
  return negative && abs !== 0n ? `-${text}` : text;
}

/** A `Cost` from an exact nano-USD amount. Throws when the amount does not fit a safe integer (over 9 million USD). */
export function toCost(nano: bigint): Cost {
  const nanoUsd = Number(nano);
  if (!Number.isSafeInteger(nanoUsd)) throw new RangeError(`cost ${nano} nano-USD does not fit a safe integer`);
  return { usd: nanoUsd / 1e9, nanoUsd };
}

/** `Number.prototype.toString` without exponent notation (`1e-7` -> `0.0000001`). */
function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite amount: ${value}`);
  return expandExponent(String(value));
}

/** Rewrites exponent notation (`1.2E-05`, as some cost exports write tiny amounts) as a plain decimal, exactly. */
function expandExponent(text: string): string {
  const exp = /^([+-]?)(\d+)(?:\.(\d*))?e([+-]?\d+)$/i.exec(text);
  if (!exp) return text;
  const [, sign, lead, rest = '', power] = exp;
  const digits = lead + rest;
  const point = lead.length + Number(power);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
