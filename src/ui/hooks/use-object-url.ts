import { useLayoutEffect, useState } from "react";

export interface ObjectUrl {
  url: string | null;
  /** "missing": the loader found nothing (or failed), so callers can fall back to another source. */
  state: "idle" | "loading" | "ready" | "missing";
}

const IDLE: ObjectUrl = { url: null, state: "idle" };
const LOADING: ObjectUrl = { url: null, state: "loading" };
const MISSING: ObjectUrl = { url: null, state: "missing" };

/**
 * An object URL for a Blob loaded asynchronously, revoked when the component unmounts or the
 * source changes (so reopening many workflows does not leak video memory). `atHand` may give the
 * Blob at once (already read): the URL is then made before the browser paints, so the first frame
 * that shows the component shows what it points at (a layout effect's state change is rendered
 * before that paint, not in a frame of its own).
 */
export function useObjectUrl(
  load: (() => Promise<Blob | undefined>) | null,
  deps: readonly unknown[],
  atHand?: () => Blob | undefined,
): ObjectUrl {
  const [value, setValue] = useState<ObjectUrl>(load ? LOADING : IDLE);
  useLayoutEffect(() => {
    if (!load) {
      setValue(IDLE);
      return;
    }
    let alive = true;
    let made: string | null = null;
    const show = (blob: Blob) => {
      made = URL.createObjectURL(blob);
      setValue({ url: made, state: "ready" });
    };
    const now = atHand?.();
    if (now) show(now);
    else {
      setValue(LOADING);
      load()
        .then((blob) => {
          if (!alive) return;
          if (!blob) return setValue(MISSING);
          show(blob);
        })
        .catch(() => {
          if (alive) setValue(MISSING);
        });
    }
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
