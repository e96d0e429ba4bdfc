import { priceFactOf } from "../../nodes/catalogue/known";
import type { ModelAdapter, Params, Price } from "../../nodes/types";

/**
 * What the model button and the picker say about a model in a few words: where it comes from (curated,
 * or read from fal's schema on a date), whether it is retired, and its price per second at its default
 * settings. Small and synchronous: the model button on every generation node uses it in the first paint.
 */

/** "curated", or "fal schema 2026-12-05" for a model derived from fal's OpenAPI document. */
export function markOf(adapter: ModelAdapter): string {
  const origin = adapter.origin;
  if (!origin || origin.kind === "curated") return "curated";
  return `fal schema ${origin.date}`;
}

export const defaultParamsOf = (adapter: ModelAdapter): Params =>
  Object.fromEntries(adapter.params.flatMap((p) => (p.default === undefined ? [] : [[p.name, p.default]])));

/** The model's price at its default settings; null when its price function cannot say. */
export function priceAtDefaults(adapter: ModelAdapter): Price | null {
  try {
    return adapter.price(defaultParamsOf(adapter), {});
  } catch {
    return null;
  }
}

/** "8s" → 8, "5" → 5, 5 → 5; "auto" or anything else → null. */
function seconds(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) && value > 0 ? value : null;
  if (typeof value !== "string") return null;
  const m = /^(\d+(?:\.\d+)?)s?$/.exec(value.trim());
  return m?.[1] ? Number(m[1]) : null;
}

/** "$0.40", "$0.084", "$0.3024": whole cents with two decimals, finer rates as precise as they are (up to 4). */
export function money(usd: number): string {
  const cents = usd.toFixed(2);
  return Math.abs(Number(cents) - usd) < 1e-9 ? `$${cents}` : `$${Number(usd.toFixed(4))}`;
}

/**
 * The price per second of output at the model's defaults: the rate its own price basis states ("8 s ×
 * $0.40/s …"), else its price over the default duration, else its price per video. An unknown price says
 * so, naming fal's unit when one is known ("price unknown (unit units)"); never $0.
 */
export function perSecondText(adapter: ModelAdapter): string {
  const defaults = defaultParamsOf(adapter);
  const price = priceAtDefaults(adapter);
  if (!price || price.usd === null) return unknownText(adapter);
  const stated = /\$(\d+(?:\.\d+)?)\s*\/\s*s\b/.exec(price.basis)?.[1];
  if (stated) return `${price.basis.includes(`≈$${stated}`) ? "≈ " : ""}${money(Number(stated))}/s`;
  const dur = seconds(defaults.duration);
  if (dur) return `${money(price.usd / dur)}/s`;
  return `${price.upperBound ? "up to " : ""}${money(price.usd)} per video`;
}

function unknownText(adapter: ModelAdapter): string {
  const unit = priceFactOf(adapter.endpoint)?.unit;
  return unit ? `price unknown (unit ${unit})` : "price unknown";
}
