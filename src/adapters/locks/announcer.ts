import type { CacheKey } from "../../domain/ids";

/**
 * Tells the other tabs of this origin that work on a key ended (a result stored, a job failed or
 * was cancelled), over a BroadcastChannel, so a tab that shows that key looks it up again in the
 * shared cache instead of showing a stale miss.
 */
export interface JobAnnouncer {
  settled(key: CacheKey): void;
  /** Calls `listener` with keys other tabs settled; returns the unsubscribe. */
  onSettled(listener: (key: CacheKey) => void): () => void;
  close(): void;
}

interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (ev: { data: unknown }) => void): void;
  removeEventListener(type: "message", listener: (ev: { data: unknown }) => void): void;
  close(): void;
}

interface SettledMessage {
  type: "job-settled";
  key: string;
}

const isSettled = (d: unknown): d is SettledMessage =>
  typeof d === "object" &&
  d !== null &&
  (d as SettledMessage).type === "job-settled" &&
  typeof (d as SettledMessage).key === "string";

export function createJobAnnouncer(name = "reelflow-jobs", channel?: ChannelLike): JobAnnouncer {
  const ch: ChannelLike | null =
    channel ?? (typeof BroadcastChannel === "function" ? new BroadcastChannel(name) : null);
  const listeners = new Set<(key: CacheKey) => void>();
  const onMessage = (ev: { data: unknown }) => {
    if (!isSettled(ev.data)) return;
    for (const l of listeners) l(ev.data.key as CacheKey);
  };
  ch?.addEventListener("message", onMessage);
  return {
    settled(key) {
      // A closed channel (tab going away) must not break the job that is ending.
      try {
        ch?.postMessage({ type: "job-settled", key } satisfies SettledMessage);
      } catch {
        /* the other tabs will see the result on their next lookup */
      }
    },
    onSettled(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      ch?.removeEventListener("message", onMessage);
      ch?.close();
    },
  };
}
