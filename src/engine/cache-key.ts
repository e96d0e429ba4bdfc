import type { CacheKey, ContentHash, EndpointId } from "../domain/ids";
import { cacheKey } from "../domain/ids";
import type { GenerationKind, Params } from "../domain/workflow";
import { canonicalJson, decodeDataUrl, sha256Hex } from "./hash";

/**
 * Content keys: a node's key names its result. A generation's key covers everything that changes
 * the request fal receives (Merkle style: upstream nodes enter by their own keys), and nothing
 * that does not (positions, labels, node ids), so an unchanged node is found in the cache after
 * a save/load, on another machine, or after an unrelated edit elsewhere in the graph.
 */

/** Bumped only if the key recipe changes; old entries then simply stop matching. */
const KEY_RECIPE = "reelflow/cache-key@1";

/** Key of a text value: the same text typed into a node or coming from a Prompt node is one key. */
export async function textKey(text: string): Promise<CacheKey> {
  return cacheKey(await sha256Hex(canonicalJson({ recipe: KEY_RECIPE, text })));
}

/** Where the bytes of an image or video source come from, as the key sees it. */
export type MediaRef =
  { kind: "data-url"; url: string } | { kind: "asset"; hash: ContentHash } | { kind: "remote"; url: string };

export function mediaRefOf(data: { url?: string; asset?: string }): MediaRef | undefined {
  if (typeof data.asset === "string" && data.asset !== "") return { kind: "asset", hash: data.asset as ContentHash };
  if (typeof data.url !== "string" || data.url === "") return undefined;
  if (/^data:/i.test(data.url)) return { kind: "data-url", url: data.url };
  if (/^https?:\/\//i.test(data.url)) return { kind: "remote", url: data.url };
  return undefined;
}

/**
 * Key of an image/video source. Local bytes (a `data:` URL or a stored asset) are keyed by the
 * hash of their content, so the same picture pasted twice or re-encoded into a different URL
 * string is one key. A remote URL is keyed by the URL itself: we do not download it to plan.
 */
export async function mediaKey(ref: MediaRef): Promise<CacheKey> {
  switch (ref.kind) {
    case "asset":
      return cacheKey(ref.hash);
    case "data-url": {
      const decoded = decodeDataUrl(ref.url);
      if (!decoded) throw new Error("the data: URL cannot be decoded");
      return cacheKey(await sha256Hex(decoded.bytes));
    }
    case "remote":
      return cacheKey(await sha256Hex(canonicalJson({ recipe: KEY_RECIPE, url: ref.url })));
    default: {
      const _: never = ref;
      return _;
    }
  }
}

export interface GenerationKeyInput {
  kind: GenerationKind;
  endpoint: EndpointId;
  /** Effective params: declared params with defaults filled, so omitting a default is the same request. */
  params: Params;
  /**
   * Input slot → key of what feeds it (an upstream node's key, or the key of text typed into the node). A slot
   * is the input's handle (`prompt`, `image`, `end_image`), or `inputSlot(handle, i)` for each position of a
   * port that takes several (`images#0`, `images#1`, …).
   */
  inputs: Readonly<Record<string, CacheKey>>;
  /** A generation feeding a remix sends `delete_video: false`: a different request, so a different key. */
  feedsRemix: boolean;
}

/** A whole number as fal's schemas write it in a string enum: "5", "-2", not "05", "5.0", "8s" or "auto". */
const WHOLE_NUMBER_TEXT = /^(0|-?[1-9]\d*)$/;

/**
 * The params of a model read from fal's schema in one form for its key: a whole number written as text is the
 * number ("5" → 5; "8s", "auto" and "7.5" stay as written). The same endpoint's document may write a choice as
 * text in one version and as a number in another (Wan 2.7's `duration` is "5" in fal-js 1.10.1, which the bundled
 * snapshot is made from, and 5 in fal's live document): the request is the same, so is its result, and an
 * unchanged node must not be paid for again when the adapter changes from one to the other. Curated adapters'
 * keys are not put through this (their recorded keys stay valid); the body keeps each adapter's own form.
 */
export function schemaKeyParams(params: Params): Params {
  const out: Params = {};
  for (const [name, value] of Object.entries(params)) {
    const whole = typeof value === "string" && WHOLE_NUMBER_TEXT.test(value) ? Number(value) : undefined;
    out[name] = whole !== undefined && Number.isSafeInteger(whole) ? whole : value;
  }
  return out;
}

/**
 * The slot of the `index`-th edge into a port that takes several: each position is its own entry, so the same
 * images in another order are another request, and another key.
 */
export const inputSlot = (handle: string, index: number): string => `${handle}#${index}`;

export async function cacheKeyFor(input: GenerationKeyInput): Promise<CacheKey> {
  const inputs = Object.keys(input.inputs)
    .sort()
    .map((port) => [port, input.inputs[port]]);
  return cacheKey(
    await sha256Hex(
      canonicalJson({
        recipe: KEY_RECIPE,
        kind: input.kind,
        endpoint: input.endpoint,
        params: input.params,
        inputs,
        feedsRemix: input.feedsRemix,
      }),
    ),
  );
}

/**
 * Key of one take of a node's content. Variant "" is the content key itself (so results cached
 * before takes existed stay valid); any other variant (a fresh random nonce for "new take") makes
 * a different key, so the same request is deliberately looked up as a miss and paid for again.
 */
export async function takeKeyFor(contentKey: CacheKey, variant: string): Promise<CacheKey> {
  if (variant === "") return contentKey;
  return cacheKey(await sha256Hex(canonicalJson({ recipe: KEY_RECIPE, base: contentKey, variant })));
}
