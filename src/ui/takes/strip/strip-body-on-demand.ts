import { useEffect, useState, type ComponentType } from "react";
import type { StripBodyProps } from "./StripBody";

/**
 * The take strip's body (./StripBody.tsx: thumbnails, pin, New take) is fetched the first time a node has
 * takes to show, or ahead of that: with the first plan of a reopened workflow that has generation nodes, so
 * its strips are in its first frame, and with the rest of the app after the first paint (src/ui/app/start/compose.ts).
 */
type StripBodyView = ComponentType<StripBodyProps>;

/**
 * The strip body's component once its code is here, else null. Exported as a live binding so a renderer can name it
 * as a JSX tag: one component, made once by its module, never one created during a render.
 */
export let LoadedStripBody: StripBodyView | null = null;
let loading: Promise<StripBodyView> | null = null;

/** Fetches the strip body once; a failed fetch (offline) is tried again by the next call. */
export function loadStripBody(): Promise<StripBodyView> {
  loading ??= import("./StripBody").then(
    (m) => (LoadedStripBody = m.StripBody),
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}

/** Whether the strip body is here (then in this very render), asking for it and re-rendering when it comes. */
export function useStripBodyLoaded(): boolean {
  const [here, setHere] = useState(() => LoadedStripBody !== null);
  useEffect(() => {
    if (here) return;
    let live = true;
    loadStripBody().then(
      () => live && setHere(true),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [here]);
  return here || LoadedStripBody !== null;
}
