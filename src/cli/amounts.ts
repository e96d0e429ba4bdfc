/**
 * Sums of money in the CLI's words. A node whose price is unknown is never counted as $0: a total
 * says "$1.20 + 2 of unknown price", and a total with nothing known says "price unknown", so no
 * summary prints "$0.00" for work that had no price.
 */

export interface Tally {
  /** Sum of the known prices. */
  knownUsd: number;
  /** How many of the things summed had a known price. */
  known: number;
  /** How many had none. */
  unknown: number;
  /** Some known price is a ceiling. */
  upperBound?: boolean;
}

export const usd = (v: number | null): string => (v === null ? "price unknown" : `$${v.toFixed(2)}`);

/** A unit rate with the decimals it has: "$0.10", "$0.084", "$0.0112" (at least cents, at most four decimals). */
export function rate(v: number): string {
  const [whole, fraction = ""] = v.toFixed(4).replace(/0+$/, "").split(".");
  return `$${whole}.${fraction.padEnd(2, "0")}`;
}

/** "$1.20", "up to $1.20", "$1.20 + 2 of unknown price", or "price unknown" when nothing had a price. */
export function tallyText(t: Tally): string {
  const known = `${t.upperBound ? "up to " : ""}${usd(t.knownUsd)}`;
  if (t.unknown === 0) return known;
  if (t.known === 0) return "price unknown";
  return `${known} + ${t.unknown} of unknown price`;
}

/** A tally of prices, each a number or null (unknown). */
export function tallyOf(prices: readonly (number | null)[], upperBound = false): Tally {
  let knownUsd = 0;
  let known = 0;
  for (const p of prices) {
    if (p === null) continue;
    knownUsd += p;
    known += 1;
  }
  return { knownUsd: Math.round(knownUsd * 1000) / 1000, known, unknown: prices.length - known, upperBound };
}

/**
 * A price as an amount and its explanation: `{ amount: "$0.40", basis: "4 s × $0.10/s" }`, or for an unknown one
 * no amount and a basis that says "price unknown" once (the basis often says it already).
 */
export function priceParts(price: { usd: number | null; upperBound: boolean; basis: string }): {
  amount: string;
  basis: string;
} {
  if (price.usd !== null) return { amount: `${price.upperBound ? "up to " : ""}${usd(price.usd)}`, basis: price.basis };
  return { amount: "", basis: /^price unknown/i.test(price.basis) ? price.basis : `price unknown: ${price.basis}` };
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
