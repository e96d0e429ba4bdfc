import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";

/**
 * The `manifest.json` of a Reelflow bundle (a .zip): which workflow file it carries, and for each
 * cached result and local asset, its key and the file holding its bytes. The format is versioned
 * like workflows: a reader refuses a newer version instead of half-reading it, and every object is
 * loose so a later minor addition (an extra field) does not break this reader.
 */
export const BUNDLE_FORMAT = "reelflow/bundle" as const;
/**
 * The newest bundle version this Reelflow reads. Version 2 (issue 19) may hold image results, which a version 1
 * reader cannot parse; a bundle without them is still written as version 1, so older apps open it.
 */
export const BUNDLE_VERSION = 2 as const;
/** The version a bundle with only videos is written as. */
export const VIDEO_BUNDLE_VERSION = 1 as const;
export const MANIFEST_FILE = "manifest.json";
export const WORKFLOW_FILE = "workflow.reelflow.json";

// zod/mini (the workflow parser uses it too, so the app carries one zod core), with the English
// messages classic zod would give: they are shown to the user as they are.
z.config(en());

const HEX64 = /^[0-9a-f]{64}$/;
const hash = z.string().check(z.regex(HEX64, { message: "must be a 64-digit lowercase hex SHA-256" }));
const nonEmpty = () => z.string().check(z.minLength(1));
const count = () => z.number().check(z.int(), z.nonnegative());
const falFile = z.looseObject({ url: nonEmpty() });

/** Mirrors VideoResult (src/nodes/types.ts); extra fields are kept. */
export const videoResultSchema = z.looseObject({
  video: falFile,
  videoId: z.nullable(z.string()),
  thumbnail: z.nullable(falFile),
  durationSec: z.nullable(z.number()),
});

/** Mirrors ImageResult (src/nodes/types.ts): an image model's images, several for a batch. */
export const imageResultSchema = z.looseObject({
  images: z.array(falFile),
  seed: z.nullable(z.number()),
});

/** One image of an image result inside the zip: its hash, its file, its type and size (null: not carried). */
export const bundleImageSchema = z.nullable(z.looseObject({ hash, file: nonEmpty(), type: z.string(), size: count() }));

export const bundleEntrySchema = z.looseObject({
  cacheKey: hash,
  /** Demo results are restored into the demo namespace only, whatever else the entry says. */
  namespace: z.enum(["paid", "demo"]),
  /** Nodes of the workflow whose result this is (for people reading the manifest; not trusted). */
  nodeIds: z.array(z.string()),
  endpoint: nonEmpty(),
  /** SHA-256 of the video file; null when the sender had no local copy (only fal's URL travels). */
  mediaHash: z.nullable(hash),
  /** Path of the video inside the zip, or null with mediaHash. */
  file: z.nullable(nonEmpty()),
  type: z.string(),
  size: count(),
  requestId: z.nullable(z.string()),
  costUsd: z.nullable(z.number()),
  createdAt: z.string(),
  simulated: z.optional(z.boolean()),
  result: z.union([videoResultSchema, imageResultSchema]),
  /**
   * Image results (issue 19): each image of the batch by its index, null where the sender had no local copy.
   * `mediaHash`/`file` then name image 0, so a reader that knows only videos still finds one file.
   */
  images: z.optional(z.array(bundleImageSchema)),
});

export const bundleAssetSchema = z.looseObject({
  /** SHA-256 of the file: the value of the node's `data.asset`. */
  hash,
  name: z.string(),
  type: z.string(),
  size: count(),
  file: nonEmpty(),
  nodeIds: z.array(z.string()),
});

/** fal storage URL of bytes the sender already uploaded, so the receiver does not upload them again. */
export const bundleUploadSchema = z.looseObject({
  hash,
  url: z.string().check(z.regex(/^https?:\/\/\S+$/, { message: "must be an http(s) URL" })),
});

export const bundleManifestSchema = z.looseObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.union([z.literal(VIDEO_BUNDLE_VERSION), z.literal(BUNDLE_VERSION)]),
  createdAt: z.string(),
  /** Path of the workflow file inside the zip. */
  workflow: nonEmpty(),
  entries: z.array(bundleEntrySchema),
  assets: z._default(z.array(bundleAssetSchema), []),
  uploads: z._default(z.array(bundleUploadSchema), []),
});

export type BundleEntry = z.infer<typeof bundleEntrySchema>;
export type BundleImage = z.infer<typeof bundleImageSchema>;
export type BundleAsset = z.infer<typeof bundleAssetSchema>;
export type BundleUpload = z.infer<typeof bundleUploadSchema>;
export type BundleManifest = z.infer<typeof bundleManifestSchema>;

/**
 * Reads a manifest: header first (is it ours, which version), then the body, so a newer bundle
 * gets "update Reelflow" rather than a list of field errors.
 */
export function readManifest(raw: unknown): { ok: true; manifest: BundleManifest } | { ok: false; errors: string[] } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: ["manifest.json is not a JSON object."] };
  }
  const head = raw as { format?: unknown; version?: unknown };
  if (head.format !== BUNDLE_FORMAT) {
    return {
      ok: false,
      errors: [
        `manifest.json is not a Reelflow bundle manifest: its "format" is ${JSON.stringify(head.format) ?? "missing"}, expected "${BUNDLE_FORMAT}".`,
      ],
    };
  }
  if (typeof head.version === "number" && Number.isInteger(head.version) && head.version > BUNDLE_VERSION) {
    return {
      ok: false,
      errors: [
        `This bundle was made by a newer Reelflow (bundle version ${head.version}); this app reads bundle version ${BUNDLE_VERSION}. Update Reelflow to open it.`,
      ],
    };
  }
  const parsed = bundleManifestSchema.safeParse(raw);
  if (parsed.success) return { ok: true, manifest: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      const path = issue.path
        .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
        .join("")
        .replace(/^\./, "");
      return `manifest.json: ${path === "" ? "" : `${path}: `}${issue.message}`;
    }),
  };
}

/** "video/mp4" → "mp4": file names inside the zip are for people opening it by hand. */
export function extensionFor(type: string): string {
  const known: Record<string, string> = {
    "video/mp4": "mp4",
    "video/quicktime": "mov",
    "video/webm": "webm",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/webp": "webp",
    "image/gif": "gif",
  };
  return known[type.split(";")[0]?.trim().toLowerCase() ?? ""] ?? "bin";
}
