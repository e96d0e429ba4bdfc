import { useEffect, useState } from "react";

/**
 * An object URL for a Blob loaded asynchronously, revoked when the component unmounts or the
 * source changes (so reopening many workflows does not leak video memory).
 */
export function useObjectUrl(load: (() => Promise<Blob | undefined>) | null, deps: readonly unknown[]): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!load) {
      setUrl(null);
      return;
    }
    let alive = true;
    let made: string | null = null;
    load()
      .then((blob) => {
        if (!alive || !blob) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      })
      .catch(() => {
        if (alive) setUrl(null);
      });
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
      setUrl(null);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return url;
}
