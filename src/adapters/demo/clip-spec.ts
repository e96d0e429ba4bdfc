import type { EndpointId } from "../../domain/ids";
import type { ClipSpec } from "./clip-renderer";

/**
 * What a simulated clip shows for a request: the model, the prompt, the params, in the frame shape asked (fal's
 * models say it as `aspect_ratio` "9:16", or an `image_size`/`video_size` such as "portrait_16_9" or
 * {width, height}), over the first frame the request names when the demo can load it.
 */

const WIDEST = 21 / 9;
const DEFAULT_ASPECT = 16 / 9;
const DETAIL_CHARS = 28;
/** Image fields that are not a picture of the first frame. */
const NOT_A_FIRST_FRAME = /mask|depth|pose|end_|last_|tail_|final_/;

export function clipSpecFor(endpoint: EndpointId, input: Readonly<Record<string, unknown>>, seconds: number): ClipSpec {
  const details = Object.entries(input)
    .filter(([k]) => k !== "prompt" && k !== "delete_video" && !/(^|_)urls?$/.test(k))
    .map(([k, v]) => `${k}: ${short(typeof v === "string" ? v : JSON.stringify(v))}`);
  return {
    title: shortEndpoint(endpoint),
    prompt: typeof input.prompt === "string" ? input.prompt : "",
    details,
    seed: `${endpoint}\n${JSON.stringify(input)}`,
    aspect: aspectOf(input),
    seconds,
  };
}

/** "fal-ai/sora-2/text-to-video/pro" → "sora-2 · text-to-video · pro". */
function shortEndpoint(endpoint: string): string {
  return endpoint.split("/").slice(1).join(" · ");
}

const short = (text: string) => (text.length > DETAIL_CHARS ? `${text.slice(0, DETAIL_CHARS - 1)}…` : text);

/** A string or number field as text; anything else (absent, a list, an object) says nothing. */
const scalarText = (v: unknown): string => (typeof v === "string" || typeof v === "number" ? String(v) : "");

/** Width ÷ height of the video asked for; 16:9 when the request does not say. */
export function aspectOf(input: Readonly<Record<string, unknown>>): number {
  const ratio = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(scalarText(input.aspect_ratio).trim());
  if (ratio) return bounded(Number(ratio[1]) / Number(ratio[2]));
  for (const name of ["video_size", "image_size"]) {
    const size = sizeAspect(input[name]);
    if (size !== null) return bounded(size);
  }
  return DEFAULT_ASPECT;
}

/** fal's named sizes ("landscape_16_9", "portrait_4_3", "square_hd") or a {width, height} object. */
function sizeAspect(size: unknown): number | null {
  if (typeof size === "object" && size !== null) {
    const { width, height } = size as { width?: unknown; height?: unknown };
    return typeof width === "number" && typeof height === "number" && height > 0 ? width / height : null;
  }
  if (typeof size !== "string") return null;
  if (size.startsWith("square")) return 1;
  const named = /^(landscape|portrait)_(\d+)_(\d+)$/.exec(size);
  if (!named) return null;
  const [long, shortSide] = [Number(named[2]), Number(named[3])];
  return named[1] === "landscape" ? long / shortSide : shortSide / long;
}

const bounded = (aspect: number) =>
  Number.isFinite(aspect) && aspect > 0 ? Math.min(WIDEST, Math.max(1 / WIDEST, aspect)) : DEFAULT_ASPECT;

/** The first frame the request names: `image_url`, another start image, else the first reference image. */
export function firstImageOf(input: Readonly<Record<string, unknown>>): string | undefined {
  const names = Object.keys(input);
  const single = ["image_url", ...names.filter((n) => /image_url$/.test(n) && !NOT_A_FIRST_FRAME.test(n))];
  for (const name of single) {
    const url = input[name];
    if (typeof url === "string") return url;
  }
  for (const name of names.filter((n) => /image_urls$/.test(n) && !NOT_A_FIRST_FRAME.test(n))) {
    const list = input[name];
    if (Array.isArray(list) && typeof list[0] === "string") return list[0];
  }
  return undefined;
}
