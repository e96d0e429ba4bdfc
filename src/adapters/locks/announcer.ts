import type { CacheKey } from "../../domain/ids";
import type { JobAnnouncer } from "../../engine/ports";

// The engine's JobAnnouncer port over a BroadcastChannel: keys settled in one tab reach the others.
export type { JobAnnouncer } from "../../engine/ports";

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
