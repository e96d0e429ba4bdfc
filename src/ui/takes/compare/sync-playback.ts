/**
 * One transport for several videos: a single play/pause and seek drive them all, and a periodic
 * check pulls any video that drifted away from the leader back onto it. Videos decode on their own
 * clocks (and a slow machine stalls one of them now and then), so starting them together is not
 * enough to keep them together.
 *
 * The leader is the longest video: its time is the group's time, shorter ones stop at their end
 * and wait there. Works on anything shaped like an HTMLMediaElement, so tests can drive it.
 */
export interface SyncedMedia {
  currentTime: number;
  readonly duration: number;
  readonly paused: boolean;
  play(): Promise<void> | void;
  pause(): void;
}

export interface SyncGroupState {
  playing: boolean;
  /** The leader's time (seconds). */
  time: number;
  /** The longest known duration (seconds); 0 until metadata arrived. */
  duration: number;
}

/** Drift above this is corrected by seeking the follower (a seek costs a little stutter, so small drift is left alone). */
export const MAX_DRIFT_SEC = 0.2;
/** Near its end a shorter video counts as done and is left paused there. */
const END_SLACK_SEC = 0.05;

const knownDuration = (m: SyncedMedia) => (Number.isFinite(m.duration) && m.duration > 0 ? m.duration : 0);

export interface SyncGroup {
  setMembers(members: readonly SyncedMedia[]): void;
  play(): void;
  pause(): void;
  toggle(): void;
  seek(seconds: number): void;
  /** Enforces the play state and corrects drift; call it on a timer and on media events. */
  tick(): void;
  state(): SyncGroupState;
  subscribe(listener: (s: SyncGroupState) => void): () => void;
}

export function createSyncGroup(opts: { maxDriftSec?: number; loop?: boolean } = {}): SyncGroup {
  const maxDrift = opts.maxDriftSec ?? MAX_DRIFT_SEC;
  const loop = opts.loop ?? true;
  let members: readonly SyncedMedia[] = [];
  let playing = false;
  let last: SyncGroupState = { playing: false, time: 0, duration: 0 };
  const listeners = new Set<(s: SyncGroupState) => void>();

  const leader = (): SyncedMedia | undefined => {
    let best: SyncedMedia | undefined;
    for (const m of members) if (!best || knownDuration(m) > knownDuration(best)) best = m;
    return best;
  };

  const startMedia = (m: SyncedMedia) => {
    if (!m.paused) return;
    // A rejected play() (e.g. the element was removed) must not break the group.
    const p = m.play();
    if (p && typeof p.catch === "function") p.catch(() => undefined);
  };

  const emit = () => {
    const lead = leader();
    const next: SyncGroupState = { playing, time: lead?.currentTime ?? 0, duration: lead ? knownDuration(lead) : 0 };
    if (next.playing === last.playing && next.time === last.time && next.duration === last.duration) return;
    last = next;
    for (const l of listeners) l(next);
  };

  /** Where a member should be when the group is at `t`: shorter videos wait at their end. */
  const targetFor = (m: SyncedMedia, t: number) => {
    const d = knownDuration(m);
    return d > 0 ? Math.min(t, d) : t;
  };
  const atEnd = (m: SyncedMedia, t: number) => {
    const d = knownDuration(m);
    return d > 0 && t >= d - END_SLACK_SEC;
  };

  function tick() {
    const lead = leader();
    if (!lead) return emit();
    const leadDuration = knownDuration(lead);
    if (playing && leadDuration > 0 && lead.currentTime >= leadDuration - END_SLACK_SEC) {
      // The longest video ended: start all again together, or stop.
      if (loop) {
        for (const m of members) m.currentTime = 0;
      } else {
        playing = false;
      }
    }
    const t = lead.currentTime;
    for (const m of members) {
      if (m !== lead) {
        const target = targetFor(m, t);
        if (Math.abs(m.currentTime - target) > maxDrift) m.currentTime = target;
      }
      if (playing && !atEnd(m, t)) startMedia(m);
      else if (!m.paused) m.pause();
    }
    emit();
  }

  return {
    setMembers(next) {
      members = [...next];
      tick();
    },
    play() {
      playing = true;
      const lead = leader();
      if (lead && knownDuration(lead) > 0 && lead.currentTime >= knownDuration(lead) - END_SLACK_SEC)
        for (const m of members) m.currentTime = 0;
      tick();
    },
    pause() {
      playing = false;
      for (const m of members) if (!m.paused) m.pause();
      tick();
    },
    toggle() {
      if (playing) this.pause();
      else this.play();
    },
    seek(seconds) {
      const t = Math.max(0, seconds);
      for (const m of members) m.currentTime = targetFor(m, t);
      tick();
    },
    tick,
    state: () => last,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
