import { createFalPlatformClient } from "../../src/adapters/catalogue/platform";
import { createModelCatalogue } from "../../src/adapters/catalogue/service";
import { loadSnapshot } from "../../src/adapters/catalogue/snapshot";
import { createMemoryCatalogueStore } from "../../src/adapters/catalogue/store";
import { isGenerationNode, type Workflow } from "../../src/domain/workflow";
import { resolveModels } from "../../src/engine/resolve-models";

/**
 * Examples may name models read from fal's catalogue (Wan 2.7 in five-models): as the app and the CLI do
 * before planning, they are made known from the bundled snapshot, or, given a proxy (the fake fal), from fal's
 * live catalogue through it, whose documents then replace the snapshot's.
 */
export async function resolveCatalogueModels(workflows: readonly Workflow[], proxyUrl?: string): Promise<void> {
  const platform = proxyUrl ? createFalPlatformClient({ proxyUrl }) : undefined;
  const catalogue = createModelCatalogue({
    store: createMemoryCatalogueStore(),
    snapshot: loadSnapshot,
    ...(platform ? { platform } : {}),
  });
  if (!platform) {
    for (const w of workflows) await resolveModels(w, catalogue);
    return;
  }
  // Known ones too: a live document replaces the snapshot's adapter.
  const endpoints = workflows.flatMap((w) =>
    w.nodes.flatMap((n) => (isGenerationNode(n) && n.data.endpoint ? [n.data.endpoint] : [])),
  );
  await catalogue.ensure(endpoints);
}
