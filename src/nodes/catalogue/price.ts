import type { GenerationKind } from "../../domain/workflow";
import type { PriceFact } from "./fal-api";
import type { ParamSpec, Params, ParamValue, Price } from "../types";
import { roundUsd, secondsOf } from "../models/model-kit";

/**
 * The price of a catalogue model's request from fal's one unit price: per second of output (`seconds`) × the
 * seconds asked for, per video (`videos`) × 1, a per-resolution rate where a snapshot knows tiers. Any other
 * unit ("units" of tokens, "video segments", "compute seconds") cannot be worked out from a request: the
 * price is unknown, said so, never $0. Every figure names its source and date.
 */

export interface PriceContext {
  endpoint: string;
  kind: GenerationKind;
  /** The model's params: the length and resolution asked for are read from them (or their defaults). */
  params: readonly ParamSpec[];
  /** fal's default length, when the model takes no length param but its schema states one. */
  defaultSeconds: number | null;
  /** The longest source video the model accepts, when its schema says: an edit of unknown length costs at most this. */
  maxSourceSec: number | null;
  /** Where the price fact came from: the live Pricing API, or the bundled snapshot. */
  from: "snapshot" | "live";
  /** What the model makes: image models are priced per image or per megapixel of the images asked for. */
  media?: "video" | "images";
}

/** Names fal gives the length of the video to make. */
const LENGTH_PARAM = /^(duration|duration_seconds|video_duration|seconds|num_seconds)$/;
export const isLengthField = (name: string) => LENGTH_PARAM.test(name);
/** A bound beyond this is "no bound" (see derive-params' wide ranges), not a length to price. */
const LONGEST_PLAUSIBLE_SEC = 3600;

type Seconds = { seconds: number; upperBound: boolean; words: (n: number) => string } | { unknown: string };

export function priceFromFact(
  fact: PriceFact | undefined,
  params: Params,
  ports: { sourceDurationSec?: number | null },
  model: PriceContext,
): Price {
  if (!fact) return unknown(`fal's pricing API has no price for ${model.endpoint}`);
  if (fact.currency !== "USD") return unknown(`fal quotes it in ${fact.currency}`);
  const unit = unitOf(fact.unit);
  const images = model.media === "images";
  if (unit === "other" || images !== (unit === "image" || unit === "megapixel")) {
    return unknown(`fal charges per ${singular(fact.unit)}`);
  }
  const rate = rateOf(fact, params, model.params);
  if (!(rate.usd > 0) || !Number.isFinite(rate.usd)) return unknown(`fal gives no usable rate for ${model.endpoint}`);
  const source = sourceWords(fact, model.from);
  const tier = rate.tier ? ` (${rate.tier})` : "";
  switch (unit) {
    case "second": {
      const length = outputSeconds(params, ports, model);
      if ("unknown" in length) return unknown(`${usd(rate.usd)}/s, ${source}, but ${length.unknown}`);
      const total = roundUsd(length.seconds * rate.usd);
      const basis = `${length.words(length.seconds)} × ${usd(rate.usd)}/s${tier}, ${source}`;
      return { usd: total, upperBound: length.upperBound, basis };
    }
    case "video":
      return { usd: roundUsd(rate.usd), upperBound: false, basis: `1 video × ${usd(rate.usd)}${tier}, ${source}` };
    case "image":
    case "megapixel":
      return imagePrice(unit, rate.usd, `${tier}, ${source}`, params, model.params);
    default: {
      const _: never = unit;
      return _;
    }
  }
}

const unknown = (why: string): Price => ({ usd: null, upperBound: false, basis: `price unknown (${why})` });

function unitOf(unit: string): "second" | "video" | "image" | "megapixel" | "other" {
  const u = unit.trim().toLowerCase();
  if (u === "seconds" || u === "second" || u === "s" || u === "sec") return "second";
  if (u === "videos" || u === "video") return "video";
  if (u === "images" || u === "image") return "image";
  if (u === "megapixels" || u === "megapixel" || u === "mp") return "megapixel";
  return "other";
}

/**
 * fal's named image sizes (its `image_size` enum) in pixels, as fal's image models document them; a size given any
 * other way (an object of width and height, "auto") cannot be priced per megapixel before the image is made.
 */
const NAMED_SIZES: Readonly<Record<string, readonly [number, number]>> = {
  square_hd: [1024, 1024],
  square: [512, 512],
  portrait_4_3: [768, 1024],
  portrait_16_9: [576, 1024],
  landscape_4_3: [1024, 768],
  landscape_16_9: [1024, 576],
};

/**
 * An image model's price: per image × the images asked for (`num_images`, else 1), or per megapixel of each
 * image's size, counted in whole megapixels (an upper bound: fal may bill the exact figure). `tail` is the rate's
 * tier and source words.
 */
function imagePrice(
  unit: "image" | "megapixel",
  rate: number,
  tail: string,
  params: Params,
  specs: readonly ParamSpec[],
): Price {
  const asked = Number(valueOf("num_images", params, specs) ?? 1);
  const count = Number.isInteger(asked) && asked >= 1 ? asked : 1;
  const images = `${count} image${count === 1 ? "" : "s"}`;
  if (unit === "image")
    return { usd: roundUsd(count * rate), upperBound: false, basis: `${images} × ${usd(rate)}${tail}` };
  const size = NAMED_SIZES[String(valueOf("image_size", params, specs))];
  if (!size)
    return unknown(`${usd(rate)} per megapixel, ${tail.replace(/^, /, "")}, but the image size is not known yet`);
  const mp = Math.ceil((size[0] * size[1]) / 1_000_000);
  const basis = `${images} × ${mp} MP × ${usd(rate)}/MP (${size[0]}×${size[1]}, whole megapixels)${tail}`;
  return { usd: roundUsd(count * mp * rate), upperBound: true, basis };
}

/** "video segments" → "video segment", "units" → "unit": fal names its units in the plural. */
const singular = (unit: string) => unit.trim().replace(/s$/, "");

/** fal's rate, or the tier of the resolution asked for when the fact has per-resolution tiers. */
function rateOf(fact: PriceFact, params: Params, specs: readonly ParamSpec[]): { usd: number; tier?: string } {
  const resolution = valueOf("resolution", params, specs);
  const tiered = fact.tiers && typeof resolution === "string" ? fact.tiers[resolution] : undefined;
  return typeof tiered === "number" ? { usd: tiered, tier: String(resolution) } : { usd: fact.unit_price };
}

function valueOf(name: string, params: Params, specs: readonly ParamSpec[]): ParamValue | undefined {
  return params[name] ?? specs.find((s) => s.name === name)?.default;
}

/** "fal pricing API 2026-12-06" (live) or "fal pricing API, snapshot of 2026-12-05" (bundled). */
function sourceWords(fact: PriceFact, from: "snapshot" | "live"): string {
  const day = fact.fetchedAt.slice(0, 10);
  return from === "live" ? `${fact.source} ${day}` : `${fact.source}, snapshot of ${day}`;
}

/** $0.10, $0.084, $0.3034: cents always shown, more digits only when the rate has them. */
function usd(n: number): string {
  const rounded = roundUsd(n);
  return `$${Number.isInteger(rounded * 100) ? rounded.toFixed(2) : String(rounded)}`;
}

/** Seconds of video the request makes: the length asked for, fal's default, or (edits) the source's length. */
function outputSeconds(params: Params, ports: { sourceDurationSec?: number | null }, model: PriceContext): Seconds {
  const spec = model.params.find((s) => LENGTH_PARAM.test(s.name));
  if (spec) {
    const asked = secondsOf(valueOf(spec.name, params, model.params));
    if (asked !== null && asked > 0) return { seconds: asked, upperBound: false, words: (n) => `${n} s` };
    // "0", "auto" or unset: an edit follows its source; otherwise the longest length the param allows.
    if (model.kind === "remix") return sourceSeconds(ports, model);
    const most = longest(spec);
    if (most !== null) return { seconds: most, upperBound: true, words: (n) => `up to ${n} s (length left to fal)` };
    return { unknown: "the length of the video is not known before it is made" };
  }
  if (model.defaultSeconds !== null) {
    return { seconds: model.defaultSeconds, upperBound: false, words: (n) => `${n} s (fal's default length)` };
  }
  if (model.kind === "remix") return sourceSeconds(ports, model);
  return { unknown: "the model does not say how long its video will be" };
}

function sourceSeconds(ports: { sourceDurationSec?: number | null }, model: PriceContext): Seconds {
  const known = ports.sourceDurationSec;
  if (typeof known === "number" && known > 0) {
    return { seconds: known, upperBound: false, words: (n) => `${n} s of source video` };
  }
  if (model.maxSourceSec !== null) {
    const words = (n: number) => `up to ${n} s of source video (source length unknown)`;
    return { seconds: model.maxSourceSec, upperBound: true, words };
  }
  return { unknown: "the source video's length is not known yet" };
}

/** The longest length a length param allows, when it has a real bound. */
function longest(spec: ParamSpec): number | null {
  const candidates =
    spec.kind === "enum" ? spec.options.map((o) => secondsOf(o)) : spec.kind === "number" ? [spec.max] : [];
  const plausible = candidates.filter((n): n is number => n !== null && n > 0 && n <= LONGEST_PLAUSIBLE_SEC);
  return plausible.length > 0 ? Math.max(...plausible) : null;
}
