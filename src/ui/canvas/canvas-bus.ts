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

/** Requests from outside the canvas (keyboard shortcuts, menus, file loading) to the canvas. */
class CanvasBus {
  private target = new EventTarget();
  /** Where pasted nodes go: under the pointer when it is over the canvas, else the view's centre. */
  pastePosition: () => Position = () => ({ x: 0, y: 0 });

  emit<K extends keyof Events>(type: K, detail?: Events[K]): void {
    this.target.dispatchEvent(new CustomEvent(type, { detail }));
  }

  on<K extends keyof Events>(type: K, fn: (detail: Events[K]) => void): () => void {
    const h = (e: Event) => fn((e as CustomEvent<Events[K]>).detail);
    this.target.addEventListener(type, h);
    return () => this.target.removeEventListener(type, h);
  }
}

export const canvasBus = new CanvasBus();
