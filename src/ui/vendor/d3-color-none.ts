/**
 * Stands in for d3-color in the built app (vite.config.ts aliases `d3-color` here, build only). React Flow's
 * zoom animations go through d3-zoom → d3-transition → d3-interpolate, which parse colours so that a tween
 * between two colour strings blends them; React Flow only ever tweens viewport transforms (numbers), so
 * d3-color's parser and colour spaces (4.4 kB gzip of the first-load script) never run. Here no value is a
 * colour: `color()` answers null and nothing is an instance of it, so d3 interpolates every string as text.
 * The colour spaces fail loudly if anything ever asks for one (then drop the alias).
 */

/** d3-color's `color(specifier)`: no specifier is read as a colour here. Not an arrow: d3 uses it with instanceof. */
export function color(_specifier?: unknown): null {
  return null;
}

const unavailable = (name: string) =>
  function (): never {
    throw new Error(`d3-color's ${name}() is not in this build (see src/ui/vendor/d3-color-none.ts)`);
  };

export const rgb = unavailable("rgb");
export const hsl = unavailable("hsl");
export const lab = unavailable("lab");
export const hcl = unavailable("hcl");
export const cubehelix = unavailable("cubehelix");
