import { paintBackdrop } from "./backdrop";
import { hueOf, wrap, type ClipSpec } from "./clip-renderer";

/**
 * Draws a simulated image in the browser (canvas → PNG Blob), as ./clip-renderer.ts records a simulated clip: the
 * model, the prompt and the params drawn on it, "SIMULATED" in its corner, and which image of the batch it is, so
 * the images of one request differ from each other. Browser only.
 */
export interface StillSpec extends Omit<ClipSpec, "seconds"> {
  /** 1-based place in the batch of images one request asked for. */
  index: number;
  count: number;
}

export type StillRenderer = (spec: StillSpec) => Promise<Blob>;

/** Stills are small too: they are kept in IndexedDB, and a demo batch may be several. */
const LONG_SIDE = 384;

/** The drawn image's size in pixels for an aspect (width ÷ height). */
export function stillSize(aspect: number): { width: number; height: number } {
  return aspect >= 1
    ? { width: LONG_SIDE, height: Math.round(LONG_SIDE / aspect) }
    : { width: Math.round(LONG_SIDE * aspect), height: LONG_SIDE };
}

function drawStill(ctx: CanvasRenderingContext2D, spec: StillSpec): void {
  const { width: w, height: h } = ctx.canvas;
  // Each image of a batch gets its own turn of the colours and its own place for the disc.
  const hue = (hueOf(spec.seed) + (spec.index - 1) * 67) % 360;
  paintBackdrop(ctx, { hue, turn: 0, lightness: 38, image: spec.background });
  const r = Math.min(w, h) * 0.14;
  ctx.fillStyle = `hsl(${(hue + 200) % 360} 90% 70% / 0.85)`;
  ctx.beginPath();
  ctx.arc(r + (w - 2 * r) * (spec.index / (spec.count + 1)), h * 0.66, r, 0, Math.PI * 2);
  ctx.fill();
  drawWords(ctx, spec, w, h);
}

function drawWords(ctx: CanvasRenderingContext2D, spec: StillSpec, w: number, h: number): void {
  const pad = Math.round(w * 0.04);
  const big = Math.round(Math.min(w, h) * 0.07);
  ctx.fillStyle = "rgba(0,0,0,0.45)";
  ctx.fillRect(0, 0, w, big * 2.2);
  ctx.textBaseline = "middle";
  ctx.font = `bold ${big}px system-ui, sans-serif`;
  ctx.fillStyle = "#fff";
  ctx.fillText(spec.title, pad, big * 1.1, w * 0.6);
  ctx.textAlign = "right";
  ctx.fillStyle = "#fde047";
  ctx.fillText("SIMULATED", w - pad, big * 1.1);
  ctx.textAlign = "left";
  ctx.fillStyle = "#fff";
  ctx.font = `${Math.round(big * 0.85)}px system-ui, sans-serif`;
  wrap(ctx, spec.prompt || "(no prompt)", w - 2 * pad, 3).forEach((l, i) =>
    ctx.fillText(l, pad, big * 3.2 + i * big * 1.1),
  );
  ctx.font = `${Math.round(big * 0.65)}px ui-monospace, monospace`;
  ctx.fillStyle = "rgba(255,255,255,0.9)";
  const lines = [...spec.details.slice(-3), `image ${spec.index} of ${spec.count}`];
  lines.forEach((l, i) => ctx.fillText(l, pad, h - pad - (lines.length - 1 - i) * big * 0.9));
}

export const renderStillOnCanvas: StillRenderer = async (spec) => {
  const { width, height } = stillSize(spec.aspect);
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("This browser cannot draw on a canvas, so demo images cannot be made.");
  drawStill(ctx, spec);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!blob) throw new Error("The simulated image could not be encoded in this browser.");
  return blob;
};
