import { createStore, type StoreApi } from "zustand/vanilla";
import type { NodeId } from "../domain/ids";
import { createCanvasBus, type CanvasBus } from "./canvas/canvas-bus";
import { createCompareSelection, type CompareSelection, type TakeRef } from "./takes/compare/selection";

/** Which node a dialog is open for (null: closed). */
export type NodeDialog = StoreApi<{ nodeId: NodeId | null }>;

/**
 * What the views share besides the document and the runs: which dialog is open, and the canvas's requests. One set
 * per app, made at start-up and handed down in the Services context (`views`), so tests each get their own.
 */
export interface ViewStores {
  /** Requests to the canvas from shortcuts, menus and file loading; where a paste goes. */
  canvas: CanvasBus;
  /** Whether the Compare dialog is open; it shows the takes in `compareSelection`. */
  compare: StoreApi<{ open: boolean }>;
  /** Which takes the user ticked for comparison, across nodes. */
  compareSelection: CompareSelection;
  /** Which node the Sweep dialog is open for. The node's `sweep-<id>` button opens it. */
  sweep: NodeDialog;
  /** The take whose lineage the Lineage panel shows; null while the panel is closed. */
  lineage: StoreApi<{ ref: TakeRef | null }>;
  /** Which node the model picker is open for. A node's model button opens it. */
  modelPicker: NodeDialog;
  /**
   * Warnings about models, by endpoint, that the node's model button shows: where fal's live description of a
   * curated model disagrees with the hand-written adapter. Filled by the catalogue code when it has live facts.
   */
  modelWarnings: StoreApi<Readonly<Record<string, string>>>;
}

export function createViewStores(): ViewStores {
  return {
    canvas: createCanvasBus(),
    compare: createStore<{ open: boolean }>()(() => ({ open: false })),
    compareSelection: createCompareSelection(),
    sweep: createStore<{ nodeId: NodeId | null }>()(() => ({ nodeId: null })),
    lineage: createStore<{ ref: TakeRef | null }>()(() => ({ ref: null })),
    modelPicker: createStore<{ nodeId: NodeId | null }>()(() => ({ nodeId: null })),
    modelWarnings: createStore<Readonly<Record<string, string>>>()(() => ({})),
  };
}
