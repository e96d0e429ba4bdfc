import { useSyncExternalStore } from "react";
import { catalogueVersion, onCatalogueChange } from "../../nodes/catalogue/known";

/**
 * Re-renders the caller when the process's catalogue table changes (a model resolved or marked
 * unavailable, a price arrived): views that look adapters up with `findAdapter` call it, so a node naming
 * a catalogue endpoint is drawn with its model once that resolves.
 */
export const useCatalogueVersion = (): number =>
  useSyncExternalStore(onCatalogueChange, catalogueVersion, catalogueVersion);
