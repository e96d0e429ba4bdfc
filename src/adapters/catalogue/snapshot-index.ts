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
