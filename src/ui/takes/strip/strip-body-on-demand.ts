import { useEffect, useState, type ComponentType } from "react";
import type { StripBodyProps } from "./StripBody";

/**
 * The take strip's body (./StripBody.tsx: thumbnails, pin, New take) is fetched the first time a node has
 * takes to show, or ahead of that: with the first plan of a reopened workflow that has generation nodes, so
 * its strips are in its first frame, and with the rest of the app after the first paint (bootstrap.ts).
 */
type StripBodyView = ComponentType<StripBodyProps>;

let loaded: StripBodyView | null = null;
let loading: Promise<StripBodyView> | null = null;

/** Fetches the strip body once; a failed fetch (offline) is tried again by the next call. */
export function loadStripBody(): Promise<StripBodyView> {
  loading ??= import("./StripBody").then(
    (m) => (loaded = m.StripBody),
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}

/** The strip body when it is here (then in this very render), else null, asking for it and re-rendering when it comes. */
export function useStripBody(): StripBodyView | null {
  const [view, setView] = useState<StripBodyView | null>(() => loaded);
  useEffect(() => {
    if (view) return;
    let live = true;
    loadStripBody().then(
      (v) => live && setView(() => v),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [view]);
  return view ?? loaded;
}
