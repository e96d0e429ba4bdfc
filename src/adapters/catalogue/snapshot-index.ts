import type { CatalogueSnapshot, FalModel, PriceFact } from "../../nodes/catalogue/fal-api";

/** The bundled snapshot, indexed by endpoint id once, with what the status line says about it. */
export interface SnapshotIndex {
  /** ISO date it was made (`madeAt`). */
  date: string;
  origin: CatalogueSnapshot["origin"] | "none";
  note: string;
  count: number;
  models: readonly FalModel[];
  model(endpoint: string): FalModel | undefined;
  price(endpoint: string): PriceFact | undefined;
}

export function indexSnapshot(snapshot: CatalogueSnapshot): SnapshotIndex {
  const models = new Map(snapshot.models.map((m) => [m.endpoint_id, m]));
  const prices = new Map(snapshot.prices.map((p) => [p.endpoint_id, p]));
  return {
    date: snapshot.madeAt,
    origin: snapshot.origin,
    note: snapshot.note,
    count: models.size,
    models: [...models.values()],
    model: (id) => models.get(id),
    price: (id) => prices.get(id),
  };
}

/**
 * The parts of the snapshot loaded so far as one index (the image part joins the video part when it is needed);
 * the envelope of the first that loaded, as the parts share it.
 */
export function mergedSnapshotIndex(a: SnapshotIndex, b: SnapshotIndex): SnapshotIndex {
  const envelope = a.origin === "none" ? b : a;
  const models = [...a.models, ...b.models.filter((m) => a.model(m.endpoint_id) === undefined)];
  return {
    date: envelope.date,
    origin: envelope.origin,
    note: envelope.note,
    count: models.length,
    models,
    model: (id) => a.model(id) ?? b.model(id),
    price: (id) => a.price(id) ?? b.price(id),
  };
}

/** Stands in when the snapshot could not be loaded (a broken build): everything then comes from fal. */
export function emptySnapshotIndex(why: string): SnapshotIndex {
  return {
    date: "none",
    origin: "none",
    note: `the bundled snapshot could not be loaded: ${why}`,
    count: 0,
    models: [],
    model: () => undefined,
    price: () => undefined,
  };
}
