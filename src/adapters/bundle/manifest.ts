import { z } from "zod";

/**
 * The `manifest.json` of a Reelflow bundle (a .zip): which workflow file it carries, and for each
 * cached result and local asset, its key and the file holding its bytes. The format is versioned
 * like workflows: a reader refuses a newer version instead of half-reading it, and every object is
 * loose so a later minor addition (an extra field) does not break this reader.
 */
export const BUNDLE_FORMAT = "reelflow/bundle" as const;
export const BUNDLE_VERSION = 1 as const;
export const MANIFEST_FILE = "manifest.json";
export const WORKFLOW_FILE = "workflow.reelflow.json";

const HEX64 = /^[0-9a-f]{64}$/;
const hash = z.string().regex(HEX64, { message: "must be a 64-digit lowercase hex SHA-256" });
const falFile = z.looseObject({ url: z.string().min(1) });

/** Mirrors VideoResult (src/nodes/types.ts); extra fields are kept. */
export const videoResultSchema = z.looseObject({
  video: falFile,
  videoId: z.string().nullable(),
  thumbnail: falFile.nullable(),
  durationSec: z.number().nullable(),
});

export const bundleEntrySchema = z.looseObject({
  cacheKey: hash,
  /** Demo results are restored into the demo namespace only, whatever else the entry says. */
  namespace: z.enum(["paid", "demo"]),
  /** Nodes of the workflow whose result this is (for people reading the manifest; not trusted). */
  nodeIds: z.array(z.string()),
  endpoint: z.string().min(1),
  /** SHA-256 of the video file; null when the sender had no local copy (only fal's URL travels). */
  mediaHash: hash.nullable(),
  /** Path of the video inside the zip, or null with mediaHash. */
  file: z.string().min(1).nullable(),
  type: z.string(),
  size: z.number().int().nonnegative(),
  requestId: z.string().nullable(),
  costUsd: z.number().nullable(),
  createdAt: z.string(),
  simulated: z.boolean().optional(),
  result: videoResultSchema,
});

export const bundleAssetSchema = z.looseObject({
  /** SHA-256 of the file: the value of the node's `data.asset`. */
  hash,
  name: z.string(),
  type: z.string(),
  size: z.number().int().nonnegative(),
  file: z.string().min(1),
  nodeIds: z.array(z.string()),
});

/** fal storage URL of bytes the sender already uploaded, so the receiver does not upload them again. */
export const bundleUploadSchema = z.looseObject({
  hash,
  url: z.string().regex(/^https?:\/\/\S+$/, { message: "must be an http(s) URL" }),
});

export const bundleManifestSchema = z.looseObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  createdAt: z.string(),
  /** Path of the workflow file inside the zip. */
  workflow: z.string().min(1),
  entries: z.array(bundleEntrySchema),
  assets: z.array(bundleAssetSchema).default([]),
  uploads: z.array(bundleUploadSchema).default([]),
});

export type BundleEntry = z.infer<typeof bundleEntrySchema>;
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
    return { ok: false, errors: [`manifest.json is not a Reelflow bundle manifest: its "format" is ${JSON.stringify(head.format) ?? "missing"}, expected "${BUNDLE_FORMAT}".`] };
  }
  if (typeof head.version === "number" && Number.isInteger(head.version) && head.version > BUNDLE_VERSION) {
    return {
      ok: false,
      errors: [`This bundle was made by a newer Reelflow (bundle version ${head.version}); this app reads bundle version ${BUNDLE_VERSION}. Update Reelflow to open it.`],
    };
  }
  const parsed = bundleManifestSchema.safeParse(raw);
  if (parsed.success) return { ok: true, manifest: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
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
