import type { ModelAdapter, ParamSpec, Params, PortValues } from "../../../src/nodes/types";
import { klingO3Adapters } from "../../../src/nodes/models/kling-o3";
import { seedance2Adapters } from "../../../src/nodes/models/seedance2";
import { veo31Adapters } from "../../../src/nodes/models/veo31";

/** The adapters this folder tests: every current model beside Sora 2. */
export const currentAdapters: readonly ModelAdapter[] = [...veo31Adapters, ...klingO3Adapters, ...seedance2Adapters];

export const PORTS: PortValues = {
  prompt: "A red fox trots through fresh snow at dawn",
  image: { url: "https://example.test/fox.png" },
  video: { url: "https://example.test/fox.mp4", durationSec: 5 },
};
export const CTX = { feedsRemix: false };

export function adapter(endpoint: string): ModelAdapter {
  const found = currentAdapters.find((a) => a.endpoint === endpoint);
  if (!found) throw new Error(`no adapter for ${endpoint}`);
  return found;
}

/** Every value a param may take that is worth sending: each enum option, both booleans, range ends and middle. */
export function valuesOf(spec: ParamSpec): (string | number | boolean)[] {
  switch (spec.kind) {
    case "enum":
      return [...spec.options];
    case "boolean":
      return [true, false];
    case "number": {
      // A short whole-number range (Kling's 3–15 s) is tried value by value; a long one (seed) at its ends.
      if (spec.integer && spec.max - spec.min <= 100)
        return Array.from({ length: spec.max - spec.min + 1 }, (_, i) => spec.min + i);
      const mid = spec.integer ? Math.round((spec.min + spec.max) / 2) : (spec.min + spec.max) / 2;
      return [spec.min, mid, spec.max];
    }
    case "text":
      return ["blurry, low quality"];
    default: {
      const _: never = spec;
      return _;
    }
  }
}

/** Params set to a value other than the default wherever there is one: the "full" body. */
export function nonDefaultParams(a: ModelAdapter): Params {
  const out: Params = {};
  for (const spec of a.params) {
    const values = valuesOf(spec).filter((v) => !("default" in spec) || v !== spec.default);
    const pick = values[values.length - 1];
    if (pick !== undefined) out[spec.name] = pick;
  }
  return out;
}
