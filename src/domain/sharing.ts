import type { Workflow } from "./workflow";

/**
 * A workflow leaving or entering this browser: as a bundle (a .zip with its cached results, src/adapters/bundle)
 * or as a share link (the workflow alone in the address's `#w=…`, src/adapters/share).
 */

export interface BundleImport {
  /** The workflow, parsed (and migrated) by the one workflow parser. Open it; it is not stored by this call. */
  workflow: Workflow;
  migratedFrom?: number;
  /** Cached results written (new, or replacing a local entry that had no video). */
  restored: number;
  /** Results this browser already had with their video; left as they were. */
  alreadyPresent: number;
  /** Local files (image/video source nodes) written or already present. */
  assets: number;
  /** Entries skipped, each with its reason; the rest of the bundle is restored. */
  errors: string[];
}

/** A share link made, or why none could be. */
export type ShareLinkResult =
  | {
      ok: true;
      url: string;
      fragmentLength: number;
      /** Secret-looking fields left out, as paths. */
      removed: string[];
    }
  | { ok: false; reason: string };
