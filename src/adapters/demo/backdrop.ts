/**
 * The backdrop of every simulated clip and image: a diagonal gradient from the seed's colour to a darker one a
 * third of the way round the colour wheel, and the node's input image, if it has one, faded over it. Browser only.
 */
export interface Backdrop {
  /** The seed's colour, 0–359 (see hueOf in ./clip-renderer.ts). */
  hue: number;
  /** Degrees the colours have turned from `hue`: a clip's colours turn as it plays; a still's do not. */
  turn: number;
  /** Lightness of the gradient's first colour, in percent. */
  lightness: number;
  image?: CanvasImageSource | null;
}

export function paintBackdrop(ctx: CanvasRenderingContext2D, { hue, turn, lightness, image }: Backdrop): void {
  const { width: w, height: h } = ctx.canvas;
  const g = ctx.createLinearGradient(0, 0, w, h);
  g.addColorStop(0, `hsl(${(hue + turn) % 360} 70% ${lightness}%)`);
  g.addColorStop(1, `hsl(${(hue + 120 + turn) % 360} 70% 18%)`);
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
  if (!image) return;
  ctx.globalAlpha = 0.55;
  try {
    ctx.drawImage(image, 0, 0, w, h);
  } catch {
    // A tainted or broken image only loses the backdrop.
  }
  ctx.globalAlpha = 1;
}
