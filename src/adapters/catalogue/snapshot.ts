import type { CatalogueSnapshot } from "../../nodes/catalogue/fal-api";

/**
 * The bundled catalogue snapshot (written by `npm run catalog:update` or, for the first one,
 * `npm run catalog:from-fal-js`), in two parts: fal's video models (fal-video-models.snapshot.json) and its
 * image models (fal-image-models.snapshot.json), each a snapshot with the same date and note. Each part is
 * fetched on demand through its own dynamic import, so Vite keeps both out of the first-load bundle and a user
 * who only makes videos never downloads or parses the image part; tsx (CLI) and vitest import the same JSON
 * modules. Each part is read once per process.
 */

export type SnapshotPart = "video" | "image";

const loading = new Map<SnapshotPart, Promise<CatalogueSnapshot>>();
let wholeLoading: Promise<CatalogueSnapshot> | undefined;

export function loadSnapshotPart(part: SnapshotPart): Promise<CatalogueSnapshot> {
  let pending = loading.get(part);
  if (!pending) {
    pending = importPart(part).catch((error: unknown) => {
      loading.delete(part); // a failed chunk fetch (offline tab) may succeed on the next call
      throw error;
    });
    loading.set(part, pending);
  }
  return pending;
}

export const loadVideoSnapshot = (): Promise<CatalogueSnapshot> => loadSnapshotPart("video");
export const loadImageSnapshot = (): Promise<CatalogueSnapshot> => loadSnapshotPart("image");

/** Both parts as one snapshot (the CLI, Node tools and tests, which may load everything). */
export function loadSnapshot(): Promise<CatalogueSnapshot> {
  wholeLoading ??= Promise.all([loadVideoSnapshot(), loadImageSnapshot()])
    .then(([video, image]) => mergedSnapshot(video, image))
    .catch((error: unknown) => {
      wholeLoading = undefined;
      throw error;
    });
  return wholeLoading;
}

/** A model of the bundled snapshot by endpoint id: the video part first, the image part only when not found there. */
export async function snapshotModel(endpoint: string): Promise<CatalogueSnapshot["models"][number] | undefined> {
  const find = (s: CatalogueSnapshot) => s.models.find((m) => m.endpoint_id === endpoint);
  return find(await loadVideoSnapshot()) ?? find(await loadImageSnapshot());
}

/** The models and prices of the parts together, under the first part's envelope (the parts share it). */
export function mergedSnapshot(first: CatalogueSnapshot, ...rest: readonly CatalogueSnapshot[]): CatalogueSnapshot {
  return {
    ...first,
    models: [first, ...rest].flatMap((s) => s.models),
    prices: [first, ...rest].flatMap((s) => s.prices),
  };
}

// Literal specifiers, so Vite makes each part its own chunk.
async function importPart(part: SnapshotPart): Promise<CatalogueSnapshot> {
  switch (part) {
    case "video":
      return checkedSnapshot((await import("./fal-video-models.snapshot.json")).default);
    case "image":
      return checkedSnapshot((await import("./fal-image-models.snapshot.json")).default);
  }
}

/** A light check of the file's envelope (the models themselves are parsed one by one where they are used). */
export function checkedSnapshot(data: unknown): CatalogueSnapshot {
  const problem = envelopeProblem(typeof data === "object" && data !== null ? data : {});
  if (problem) {
    throw new Error(
      `The bundled fal catalogue snapshot cannot be read (${problem}); regenerate it with npm run catalog:update.`,
    );
  }
  return data as CatalogueSnapshot;
}

type Envelope = Partial<Record<keyof CatalogueSnapshot, unknown>>;

function envelopeProblem(s: Envelope): string | undefined {
  if (s.format !== "reelflow/fal-catalogue") {
    return `format is ${JSON.stringify(s.format)}, not "reelflow/fal-catalogue"`;
  }
  if (s.version !== 1) return `version ${JSON.stringify(s.version)} is not one this Reelflow reads (1)`;
  if (typeof s.madeAt !== "string" || Number.isNaN(Date.parse(s.madeAt))) return "madeAt is not a date";
  if (s.origin !== "fal-api" && s.origin !== "public-material") return `origin ${JSON.stringify(s.origin)} is unknown`;
  if (typeof s.note !== "string") return "note is missing";
  if (!Array.isArray(s.models) || !Array.isArray(s.prices)) return "models or prices is not a list";
  return undefined;
}
