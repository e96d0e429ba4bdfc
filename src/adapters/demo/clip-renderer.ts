import { paintBackdrop } from "./backdrop";

/**
 * Renders a short, distinct clip in the browser (canvas + MediaRecorder → webm Blob) so demo mode
 * shows a real playing video with the prompt and params drawn on it. Browser only.
 */
export interface ClipSpec {
  /** Big line at the top, e.g. "Sora 2 · text-to-video". */
  title: string;
  /** The prompt, wrapped over a few lines. */
  prompt: string;
  /** Small lines at the bottom: params as `name: value`. */
  details: string[];
  /** Drives the colours so different inputs look different. */
  seed: string;
  /** Width / height, e.g. 16/9 or 9/16. */
  aspect: number;
  /** Length of the clip in seconds (kept short: it is recorded in real time). */
  seconds: number;
  /** Optional first frame (an image the node was given), drawn behind the text. */
  background?: CanvasImageSource | null;
}

export type ClipRenderer = (spec: ClipSpec) => Promise<Blob>;

const FPS = 24;
/** Frames are small: each is drawn and encoded in real time. */
const HEIGHT = 216;

/** The recorded frame's size in pixels for an aspect (width ÷ height); even, as video encoders want. */
export function clipSize(aspect: number): { width: number; height: number } {
  return { width: Math.round((HEIGHT * aspect) / 2) * 2, height: HEIGHT };
}

/** A colour from the seed, so different requests look different (the still renderer shares it). */
export function hueOf(seed: string): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return Math.abs(h) % 360;
}

/** The text cut into at most `maxLines` lines of `maxWidth`, the last one ending in … when cut. */
export function wrap(ctx: CanvasRenderingContext2D, text: string, maxWidth: number, maxLines: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (ctx.measureText(next).width > maxWidth && line) {
      lines.push(line);
      line = w;
      if (lines.length === maxLines) break;
    } else line = next;
  }
  if (lines.length < maxLines && line) lines.push(line);
  if (lines.length === maxLines && words.join(" ").length > lines.join(" ").length) {
    lines[maxLines - 1] = `${lines[maxLines - 1] ?? ""}…`;
  }
  return lines;
}

function drawFrame(ctx: CanvasRenderingContext2D, spec: ClipSpec, t: number, hue: number): void {
  const { width: w, height: h } = ctx.canvas;
  paintBackdrop(ctx, { hue, turn: t * 40, lightness: 35, image: spec.background });
  // A moving disc so the clip visibly plays.
  const r = Math.min(w, h) * 0.12;
  const x = r + (w - 2 * r) * (0.5 + 0.5 * Math.sin(t * 2.4));
  const y = h * 0.62 + Math.cos(t * 3.1) * h * 0.08;
  ctx.fillStyle = `hsl(${(hue + 200) % 360} 90% 70% / 0.85)`;
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.fill();

  const pad = Math.round(w * 0.04);
  ctx.fillStyle = "rgba(0,0,0,0.45)";
  ctx.fillRect(0, 0, w, Math.round(h * 0.16));
  ctx.fillStyle = "#fff";
  ctx.font = `bold ${Math.round(h * 0.07)}px system-ui, sans-serif`;
  ctx.textBaseline = "middle";
  ctx.fillText(spec.title, pad, h * 0.08);
  ctx.textAlign = "right";
  ctx.fillStyle = "#fde047";
  ctx.fillText("SIMULATED", w - pad, h * 0.08);
  ctx.textAlign = "left";

  ctx.fillStyle = "#fff";
  ctx.font = `${Math.round(h * 0.06)}px system-ui, sans-serif`;
  const lines = wrap(ctx, spec.prompt || "(no prompt)", w - 2 * pad, 3);
  lines.forEach((l, i) => ctx.fillText(l, pad, h * 0.25 + i * h * 0.075));

  ctx.font = `${Math.round(h * 0.045)}px ui-monospace, monospace`;
  ctx.fillStyle = "rgba(255,255,255,0.9)";
  const details = [...spec.details, `t=${t.toFixed(1)}s`];
  details.slice(-4).forEach((l, i, arr) => ctx.fillText(l, pad, h - pad - (arr.length - 1 - i) * h * 0.06));
}

function pickMime(): string {
  for (const m of ["video/webm;codecs=vp9", "video/webm;codecs=vp8", "video/webm"]) {
    if (typeof MediaRecorder !== "undefined" && MediaRecorder.isTypeSupported(m)) return m;
  }
  return "video/webm";
}

/** Records the animation in real time; takes about `spec.seconds`. */
async function recordOnce(spec: ClipSpec, mimeType: string): Promise<Blob> {
  const { width, height } = clipSize(spec.aspect);
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("This browser cannot draw on a canvas, so demo clips cannot be made.");
  if (typeof MediaRecorder === "undefined" || typeof canvas.captureStream !== "function") {
    throw new Error("This browser cannot record video (MediaRecorder), so demo clips cannot be made.");
  }
  const hue = hueOf(spec.seed);
  // Frame rate 0 + requestFrame(): every drawn frame is pushed to the recorder explicitly, so a busy
  // machine that delays timers still records every frame drawn (with automatic capture it may record none).
  const stream = canvas.captureStream(0);
  const track: (MediaStreamTrack & { requestFrame?: () => void }) | undefined = stream.getVideoTracks()[0];
  const push = () => track?.requestFrame?.();
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 600_000 });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  };
  const done = new Promise<Blob>((resolve, reject) => {
    recorder.onstop = () => resolve(new Blob(chunks, { type: "video/webm" }));
    recorder.onerror = () => reject(new Error("Recording the demo clip failed."));
  });
  recorder.start(250);
  const start = performance.now();
  drawFrame(ctx, spec, 0, hue);
  push();
  // setInterval rather than requestAnimationFrame: rAF stops in background tabs.
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const t = (performance.now() - start) / 1000;
      drawFrame(ctx, spec, Math.min(t, spec.seconds), hue);
      push();
      if (t >= spec.seconds) {
        clearInterval(timer);
        resolve();
      }
    }, 1000 / FPS);
  });
  // Let the encoder take the last frame before stopping.
  await new Promise((r) => setTimeout(r, 120));
  recorder.stop();
  const blob = await done;
  for (const t of stream.getTracks()) t.stop();
  return blob;
}

/** Whether this browser can decode the clip (a recording on a starved machine can come out empty). */
async function decodes(blob: Blob): Promise<boolean> {
  if (blob.size === 0) return false;
  const v = document.createElement("video");
  v.muted = true;
  v.preload = "auto";
  const url = URL.createObjectURL(blob);
  try {
    return await new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), 8000);
      v.onloadeddata = () => {
        clearTimeout(t);
        resolve(true);
      };
      v.onerror = () => {
        clearTimeout(t);
        resolve(false);
      };
      v.src = url;
    });
  } finally {
    v.removeAttribute("src");
    v.load();
    URL.revokeObjectURL(url);
  }
}

export const renderClipWithMediaRecorder: ClipRenderer = async (spec) => {
  const mimes = [pickMime(), "video/webm;codecs=vp8", "video/webm"].filter(
    (m, i, a) => a.indexOf(m) === i && (typeof MediaRecorder === "undefined" || MediaRecorder.isTypeSupported(m)),
  );
  let last: Blob | null = null;
  for (const mime of mimes.length > 0 ? mimes : ["video/webm"]) {
    last = await recordOnce(spec, mime);
    if (await decodes(last)) return last;
  }
  throw new Error(
    `The simulated clip could not be recorded in this browser (${last?.size ?? 0} bytes came out unreadable).`,
  );
};
