import { useEffect, useState } from "react";

export interface ObjectUrl {
  url: string | null;
  /** "missing": the loader found nothing (or failed), so callers can fall back to another source. */
  state: "idle" | "loading" | "ready" | "missing";
}

/**
 * An object URL for a Blob loaded asynchronously, revoked when the component unmounts or the
 * source changes (so reopening many workflows does not leak video memory).
 */
export function useObjectUrl(load: (() => Promise<Blob | undefined>) | null, deps: readonly unknown[]): ObjectUrl {
  const [value, setValue] = useState<ObjectUrl>({ url: null, state: load ? "loading" : "idle" });
  useEffect(() => {
    if (!load) {
      setValue({ url: null, state: "idle" });
      return;
    }
    let alive = true;
    let made: string | null = null;
    setValue({ url: null, state: "loading" });
    load()
      .then((blob) => {
        if (!alive) return;
        if (!blob) return setValue({ url: null, state: "missing" });
        made = URL.createObjectURL(blob);
        setValue({ url: made, state: "ready" });
      })
      .catch(() => {
        if (alive) setValue({ url: null, state: "missing" });
      });
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
