import { beforeAll, describe, expect, it } from "vitest";
import { loadSnapshot } from "../../../src/adapters/catalogue/snapshot";
import type { CatalogueSnapshot } from "../../../src/nodes/catalogue/fal-api";
import { adapterFromFalModel } from "../../../src/nodes/catalogue/schema-adapter";

// How much of the bundled snapshot the schema-driven adapter can turn into nodes, and why the rest cannot.
let snapshot: CatalogueSnapshot;
let derived: Map<string, { ok: true } | { ok: false; reason: string }>;
beforeAll(async () => {
  snapshot = await loadSnapshot();
  const prices = new Map(snapshot.prices.map((p) => [p.endpoint_id, p]));
  derived = new Map(
    snapshot.models.map((model) => {
      const built = adapterFromFalModel(model, prices.get(model.endpoint_id), "snapshot", snapshot.madeAt);
      return [model.endpoint_id, built.ok ? { ok: true } : built];
    }),
  );
}, 60_000);

describe("schema adapters from the bundled snapshot", () => {
  it("derives an adapter for nearly every model; each one it cannot derive has a reason naming it", () => {
    const refused = [...derived].flatMap(([id, r]) => (r.ok ? [] : [{ id, reason: r.reason }]));
    const ok = derived.size - refused.length;
    console.info(
      `snapshot of ${snapshot.madeAt}: ${ok} of ${derived.size} models derive an adapter; not derived:\n` +
        refused.map((r) => `  ${r.reason}`).join("\n"),
    );
    expect(ok / derived.size).toBeGreaterThan(0.9);
    for (const { id, reason } of refused) expect(reason, id).toContain(id);
  });

  it("derives one for every model of the families the reference prices cover", () => {
    const pricedModels = snapshot.prices.map((p) => p.endpoint_id).filter((id) => derived.has(id));
    expect(pricedModels.length).toBeGreaterThan(20);
    const failing = pricedModels.flatMap((id) => {
      const r = derived.get(id);
      return r && !r.ok ? [r.reason] : [];
    });
    expect(failing).toEqual([]);
  });
});
