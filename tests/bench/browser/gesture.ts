// Bench 4's measurement of one gesture in one page: frame times (requestAnimationFrame deltas) and the main thread's
// CPU time per pointer step from Chromium's own counters (CDP Performance.getMetrics in thread-time ticks, so time
// the thread spent waiting for a core of the loaded machine is not counted).
import type { CDPSession, Page } from "playwright-core";

export type Gesture = "pan" | "drag";

/** One gesture, once: `steps` pointer moves with the button held, one frame awaited after each. */
export interface GestureRun {
  /** rAF deltas (ms) while the gesture ran. */
  frames: number[];
  /** Main-thread task time (TaskDuration) over the gesture ÷ steps, in ms. */
  cpuMsPerStep: number;
  /** Of which JavaScript (ScriptDuration), and style recalculation + layout. */
  scriptMsPerStep: number;
  styleLayoutMsPerStep: number;
  /** Whether the gesture did what it says (the view panned / the node moved): a bench of a no-op measures nothing. */
  moved: boolean;
}

interface Metrics {
  TaskDuration: number;
  ScriptDuration: number;
  RecalcStyleDuration: number;
  LayoutDuration: number;
}

/** Chromium's performance counters for one page (seconds of main-thread time). */
export class PageCounters {
  private constructor(private readonly cdp: CDPSession) {}

  static async of(page: Page): Promise<PageCounters> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
    return new PageCounters(cdp);
  }

  async read(): Promise<Metrics> {
    const { metrics } = await this.cdp.send("Performance.getMetrics");
    const get = (name: keyof Metrics) => metrics.find((m) => m.name === name)?.value ?? NaN;
    return {
      TaskDuration: get("TaskDuration"),
      ScriptDuration: get("ScriptDuration"),
      RecalcStyleDuration: get("RecalcStyleDuration"),
      LayoutDuration: get("LayoutDuration"),
    };
  }
}

// Strings, not functions: tsx's keep-names helper (__name) does not exist in the page.
const START_FRAMES = `(() => {
  window.__deltas = []; window.__stop = false;
  let last = performance.now();
  const tick = (t) => { window.__deltas.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(tick); };
  requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
})()`;
const STOP_FRAMES = `(() => { window.__stop = true; return window.__deltas; })()`;
const NEXT_FRAME = `new Promise((r) => requestAnimationFrame(() => r(null)))`;

/** What a gesture moves: the view's transform for a pan, the node's for a drag. */
const transformOf = (page: Page, selector: string) =>
  page.evaluate<string>(`document.querySelector(${JSON.stringify(selector)})?.style.transform ?? ""`);

/**
 * Holds the button down at `from`, moves `steps` times along a back-and-forth path that ends where it began (so
 * every run starts from the same view), awaiting a frame after each move, then releases.
 */
export async function runGesture(
  page: Page,
  counters: PageCounters,
  from: { x: number; y: number },
  steps: number,
  watched: string,
): Promise<GestureRun> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  // React Flow starts a node drag at the first move past its threshold, from where the pointer is then: a small first
  // move (not measured) starts it, so the path below moves the node as far as the pointer and back to its place.
  await page.mouse.move(from.x, from.y + 2);
  await page.evaluate(NEXT_FRAME);
  const before = await transformOf(page, watched);
  let moved = false;
  const m0 = await counters.read();
  await page.evaluate(START_FRAMES);
  for (let i = 1; i <= steps; i++) {
    const dx = 200 * Math.sin((i / steps) * Math.PI * 4);
    const dy = 80 * Math.sin((i / steps) * Math.PI * 2);
    await page.mouse.move(from.x + dx, from.y + 2 + dy);
    await page.evaluate(NEXT_FRAME);
    if (i === Math.ceil(steps / 8)) moved = (await transformOf(page, watched)) !== before;
  }
  await page.mouse.up();
  const frames = await page.evaluate<number[]>(STOP_FRAMES);
  const m1 = await counters.read();
  const perStep = (s: number) => (s * 1000) / steps;
  return {
    frames,
    cpuMsPerStep: perStep(m1.TaskDuration - m0.TaskDuration),
    scriptMsPerStep: perStep(m1.ScriptDuration - m0.ScriptDuration),
    styleLayoutMsPerStep: perStep(
      m1.RecalcStyleDuration - m0.RecalcStyleDuration + (m1.LayoutDuration - m0.LayoutDuration),
    ),
    moved,
  };
}

/** A point on the empty pane (not on a node, edge or panel), so a drag there pans. */
export async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const p = await page.evaluate<{ x: number; y: number } | null>(`(() => {
    for (let y = 120; y < innerHeight - 60; y += 17)
      for (let x = 200; x < innerWidth - 220; x += 17) {
        const el = document.elementFromPoint(x, y);
        if (el && el.closest(".react-flow__pane") && !el.closest(".react-flow__node, .react-flow__edge, .react-flow__panel"))
          return { x, y };
      }
    return null;
  })()`);
  if (!p) throw new Error("bench 4: no empty pane point found to pan from");
  return p;
}

/**
 * The node to drag: the one nearest the view's centre whose header (near its top-left corner) is in view, clear of
 * the overlays, and really hit there (nothing drawn over it). Returns its selector and the grab point.
 */
export async function nodeToDrag(page: Page): Promise<{ selector: string; at: { x: number; y: number } }> {
  const found = await page.evaluate<{ id: string; at: { x: number; y: number } } | null>(`(() => {
    const cx = innerWidth / 2, cy = innerHeight / 2;
    let best = null;
    for (const el of document.querySelectorAll(".react-flow__node")) {
      const r = el.getBoundingClientRect();
      const at = { x: r.left + Math.min(20, r.width / 2), y: r.top + Math.min(10, r.height / 2) };
      if (at.x < 200 || at.y < 80 || at.x > innerWidth - 220 || at.y > innerHeight - 140) continue;
      if (document.elementFromPoint(at.x, at.y)?.closest(".react-flow__node") !== el) continue;
      const d = Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy);
      if (!best || d < best.d) best = { d, id: el.getAttribute("data-id"), at };
    }
    return best;
  })()`);
  if (!found) throw new Error("bench 4: no node in view to drag");
  return { selector: `.react-flow__node[data-id="${found.id}"]`, at: found.at };
}

/** The view's zoom, from React Flow's viewport transform. */
export async function zoomOf(page: Page): Promise<number> {
  const t = await transformOf(page, ".react-flow__viewport");
  return Number(/scale\(([\d.e-]+)\)/.exec(t)?.[1] ?? NaN);
}

/**
 * Zooms with the mouse wheel at the view's centre until the zoom is `target` (React Flow zooms by 2^(-deltaY × 0.002)
 * per wheel event), as a person would: the same gesture in both pages, the graph's centre staying in the middle.
 */
export async function zoomTo(page: Page, target: number): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.mouse.move(size.width / 2, size.height / 2);
  for (let i = 0; i < 10; i++) {
    const k = await zoomOf(page);
    if (Math.abs(k - target) < 0.005) break;
    await page.mouse.wheel(0, -Math.log2(target / k) / 0.002);
    await page.evaluate(NEXT_FRAME);
    await page.evaluate(NEXT_FRAME);
  }
}

/** Waits until the page answers every frame again (30 frames in a row under 50 ms), e.g. after a zoom re-render. */
export async function settled(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.evaluate(`new Promise((resolve) => {
    let last = performance.now(), calm = 0;
    const t0 = last;
    const tick = (t) => {
      calm = t - last < 50 ? calm + 1 : 0;
      last = t;
      if (calm >= 30 || t - t0 > ${timeoutMs}) resolve(null);
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`);
}
