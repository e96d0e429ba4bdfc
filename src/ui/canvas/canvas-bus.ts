import type { Position } from "../../domain/workflow";

type Events = {
  "open-search": undefined;
  "fit-view": undefined;
  /** Before a document is loaded: move the view to where it will fit, so it mounts at the right zoom. */
  "prepare-view": readonly { position: Position }[];
  "file-dropped": { file: File; at: Position };
  /** Nodes just added away from the pointer (pasted, duplicated): the view moves the least to show them. */
  reveal: readonly string[];
};

/**
 * Requests from outside the canvas (keyboard shortcuts, menus, file loading) to the canvas, and where pasted nodes
 * go. One per app, handed to the views in the Services context (`views.canvas`).
 */
export interface CanvasBus {
  emit<K extends keyof Events>(type: K, detail?: Events[K]): void;
  on<K extends keyof Events>(type: K, fn: (detail: Events[K]) => void): () => void;
  /** Where pasted nodes go: under the pointer when it is over the canvas, else the view's centre. */
  pastePosition(): Position;
  /** The mounted canvas says where pastes go (until the returned function is called). */
  providePastePosition(where: () => Position): () => void;
}

export function createCanvasBus(): CanvasBus {
  const target = new EventTarget();
  const origin = (): Position => ({ x: 0, y: 0 });
  let where = origin;
  return {
    emit(type, detail) {
      target.dispatchEvent(new CustomEvent(type, { detail }));
    },
    on(type, fn) {
      const h = (e: Event) => fn((e as CustomEvent<Events[typeof type]>).detail);
      target.addEventListener(type, h);
      return () => target.removeEventListener(type, h);
    },
    pastePosition: () => where(),
    providePastePosition(fn) {
      where = fn;
      return () => {
        if (where === fn) where = origin;
      };
    },
  };
}
