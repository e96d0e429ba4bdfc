import { createStore } from "zustand/vanilla";

/**
 * Warnings about models, by endpoint, that the node's model button shows (a mark, the words in its title):
 * where fal's live description of a curated model disagrees with the hand-written adapter. Filled by the
 * catalogue code (./catalogue-wiring.ts) when it has live facts; empty until then.
 */
export const modelWarnings = createStore<Readonly<Record<string, string>>>()(() => ({}));
