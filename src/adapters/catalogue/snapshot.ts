import type { CatalogueSnapshot } from "../../nodes/catalogue/fal-api";

/**
 * The bundled catalogue snapshot (fal-video-models.snapshot.json, written by `npm run catalog:update` or, for
 * the first one, `npm run catalog:from-fal-js`): fal's video and image models. It is fetched on demand through a
 * dynamic import, so Vite keeps its ~4.5 MB out of the first-load bundle; tsx (CLI) and vitest import the same
 * JSON module. Read once per process.
 */

let loading: Promise<CatalogueSnapshot> | undefined;

export function loadSnapshot(): Promise<CatalogueSnapshot> {
  loading ??= importSnapshot().catch((error: unknown) => {
    loading = undefined; // a failed chunk fetch (offline tab) may succeed on the next call
    throw error;
  });
  return loading;
}

async function importSnapshot(): Promise<CatalogueSnapshot> {
  const module: { default: unknown } = await import("./fal-video-models.snapshot.json");
  return checkedSnapshot(module.default);
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
