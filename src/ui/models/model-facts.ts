import { isImageGenerationKind } from "../../domain/workflow";
import { secondsOf } from "../../nodes/models/model-kit";
import type { ModelAdapter, Params, Price } from "../../nodes/types";

/**
 * What the model button and the picker say about a model in a few words: where it comes from (curated,
 * or read from fal's schema on a date) and its price per second at its default settings. Small and
 * synchronous: the model button on every generation node uses it in the first paint.
 */

/** "curated", or "fal schema 2026-12-05" for a model derived from fal's OpenAPI document. */
export const markOf = ({ origin }: ModelAdapter): string =>
  origin?.kind === "schema" ? `fal schema ${origin.date}` : "curated";

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

const usd = (n: number) => `$${Math.round(n * 10_000) / 10_000}`;

/**
 * The price per second of output at the model's defaults: the rate its own price basis states ("8 s ×
 * $0.4/s …"), else its price over the default duration, else its price per video (per image for an image model,
 * whose defaults ask for one). An unknown price says
 * so ("price unknown"; the picker adds fal's unit); never $0.
 */
export function perSecondText(adapter: ModelAdapter): string {
  const price = priceAtDefaults(adapter);
  if (price?.usd == null) return "price unknown";
  const stated = /(≈)?\$([\d.]+)\/s\b/.exec(price.basis);
  if (stated) return `${stated[1] ? "≈ " : ""}$${stated[2]}/s`;
  const seconds = secondsOf(defaultParamsOf(adapter).duration);
  const each = isImageGenerationKind(adapter.kind) ? "per image" : "per video";
  return seconds ? `${usd(price.usd / seconds)}/s` : `${price.upperBound ? "up to " : ""}${usd(price.usd)} ${each}`;
}
