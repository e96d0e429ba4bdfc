import { createFalPlatformClient } from "../adapters/catalogue/platform";
import { createModelCatalogue, type CatalogueService } from "../adapters/catalogue/service";
import { loadSnapshot } from "../adapters/catalogue/snapshot";
import { createFsCatalogueStore } from "../adapters/catalogue/store-fs";

/**
 * The CLI's model catalogue: the bundled snapshot, fal's live answers kept in `<cache dir>/catalogue.json`,
 * and fal's Model and Pricing APIs when there is a way to reach fal: through `--proxy` (the key stays on the
 * proxy; FAL_KEY is then never sent), else directly with FAL_KEY. Without either, the snapshot alone.
 */
export function openCatalogue(
  cacheDir: string,
  proxy: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): CatalogueService {
  const key = env.FAL_KEY?.trim();
  const platform =
    proxy !== undefined
      ? createFalPlatformClient({ proxyUrl: proxy })
      : key
        ? createFalPlatformClient({ credentials: key })
        : undefined;
  return createModelCatalogue({ platform, store: createFsCatalogueStore(cacheDir), snapshot: loadSnapshot });
}
