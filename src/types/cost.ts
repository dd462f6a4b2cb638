/**
 * The cost of a call. Money is never a float in Switchyard: `nanoUsd` is the exact amount in
 * billionths of a US dollar (an integer); `usd` is derived from it for display only.
 */
export interface Cost {
  /** The amount in USD, for display: `nanoUsd / 1e9`. */
  usd: number;
  /** The exact amount in nano-USD (1e-9 USD), an integer. */
  nanoUsd: number;
}
