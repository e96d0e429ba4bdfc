import { describe, expect, it } from "vitest";
import { createSyncGroup, MAX_DRIFT_SEC, type SyncedMedia } from "../../../src/ui/takes/compare/sync-playback";

/** A media element on a hand-driven clock: `advance` moves it only while it plays, at its own rate. */
class ClockMedia implements SyncedMedia {
  currentTime = 0;
  paused = true;
  plays = 0;
  constructor(
    readonly duration: number,
    private rate = 1,
  ) {}
  play() {
    this.paused = false;
    this.plays++;
    return Promise.resolve();
  }
  pause() {
    this.paused = true;
  }
  advance(sec: number) {
    if (this.paused) return;
    this.currentTime = Math.min(this.duration, this.currentTime + sec * this.rate);
    if (this.currentTime >= this.duration) this.paused = true; // a video without `loop` stops at its end
  }
}

describe("sync group (compare dialog transport)", () => {
  it("one play and one pause drive every video", () => {
    const a = new ClockMedia(8);
    const b = new ClockMedia(8);
    const g = createSyncGroup();
    g.setMembers([a, b]);
    expect([a.paused, b.paused]).toEqual([true, true]);
    g.play();
    expect([a.paused, b.paused]).toEqual([false, false]);
    expect(g.state().playing).toBe(true);
    g.pause();
    expect([a.paused, b.paused]).toEqual([true, true]);
    expect(g.state().playing).toBe(false);
  });

  it("pulls a drifting video back onto the leader, and leaves small drift alone", () => {
    const lead = new ClockMedia(12);
    const slow = new ClockMedia(12, 0.9);
    const g = createSyncGroup();
    g.setMembers([lead, slow]);
    g.play();
    lead.advance(1);
    slow.advance(1); // 0.1 s behind: under the threshold
    g.tick();
    expect(slow.currentTime).toBeCloseTo(0.9);
    lead.advance(2);
    slow.advance(2); // now 0.3 s behind
    expect(lead.currentTime - slow.currentTime).toBeGreaterThan(MAX_DRIFT_SEC);
    g.tick();
    expect(slow.currentTime).toBe(lead.currentTime);
  });

  it("seeks all videos to the same time; a shorter one waits at its end", () => {
    const long = new ClockMedia(12);
    const short = new ClockMedia(4);
    const g = createSyncGroup();
    g.setMembers([short, long]);
    g.seek(6);
    expect(long.currentTime).toBe(6);
    expect(short.currentTime).toBe(4);
    expect(g.state()).toMatchObject({ time: 6, duration: 12 });
    g.play();
    // the short one is at its end: it is not started again while the long one plays on
    expect(short.paused).toBe(true);
    expect(long.paused).toBe(false);
    g.seek(1);
    expect(short.currentTime).toBe(1);
    g.tick();
    expect(short.paused).toBe(false);
  });

  it("a video paused on its own (stall, end) is started again while the group plays", () => {
    const a = new ClockMedia(8);
    const b = new ClockMedia(8);
    const g = createSyncGroup();
    g.setMembers([a, b]);
    g.play();
    b.pause();
    g.tick();
    expect(b.paused).toBe(false);
  });

  it("when the longest ends, all start again from 0 together (loop) or stop (no loop)", () => {
    const a = new ClockMedia(4);
    const b = new ClockMedia(4);
    const looped = createSyncGroup();
    looped.setMembers([a, b]);
    looped.play();
    a.advance(5);
    b.advance(5);
    looped.tick();
    expect([a.currentTime, b.currentTime]).toEqual([0, 0]);
    expect([a.paused, b.paused]).toEqual([false, false]);

    const c = new ClockMedia(4);
    const once = createSyncGroup({ loop: false });
    once.setMembers([c]);
    once.play();
    c.advance(5);
    once.tick();
    expect(once.state().playing).toBe(false);
    expect(c.paused).toBe(true);
  });

  it("tells subscribers when the play state or time changes", () => {
    const a = new ClockMedia(8);
    const g = createSyncGroup();
    const seen: boolean[] = [];
    g.subscribe((s) => seen.push(s.playing));
    g.setMembers([a]);
    g.play();
    g.pause();
    expect(seen).toContain(true);
    expect(seen.at(-1)).toBe(false);
  });
});
