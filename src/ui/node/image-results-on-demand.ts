import { useEffect, useState, type ComponentType } from "react";
import type { ImageResultsProps } from "./ImageResults";

/**
 * The view of an image node's result (./ImageResults.tsx) is fetched the first time a node shows images: most
 * graphs have no image node, and the first screen never needs it (src/ui/takes/strip/strip-body-on-demand.ts is
 * the same idea for take strips).
 */
type ImageResultsView = ComponentType<ImageResultsProps>;

/** The component once its code is here, else null (a live binding, so a renderer names it as a JSX tag). */
export let LoadedImageResults: ImageResultsView | null = null;
let loading: Promise<ImageResultsView> | null = null;

/** Fetches the view once; a failed fetch (offline) is tried again by the next call. */
export function loadImageResults(): Promise<ImageResultsView> {
  loading ??= import("./ImageResults").then(
    (m) => (LoadedImageResults = m.ImageResults),
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}

/** Whether the view is here (then in this very render), asking for it and re-rendering when it comes. */
export function useImageResultsLoaded(): boolean {
  const [here, setHere] = useState(() => LoadedImageResults !== null);
  useEffect(() => {
    if (here) return;
    let live = true;
    loadImageResults().then(
      () => live && setHere(true),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [here]);
  return here || LoadedImageResults !== null;
}
