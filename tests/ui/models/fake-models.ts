import { endpointId } from "../../../src/domain/ids";
import type { GenerationKind } from "../../../src/domain/workflow";
import type { ModelAdapter } from "../../../src/nodes/types";

/**
 * A catalogue model as the picker sees one (derived from fal's schema on a date), priced per second of
 * output, or of unknown price. Hand-made so picker tests do not depend on the schema reader.
 */
export function fakeCatalogueModel(opts: {
  endpoint: string;
  label: string;
  kind?: GenerationKind;
  usdPerSecond: number | null;
  retired?: boolean;
}): ModelAdapter {
  const { endpoint, label, usdPerSecond } = opts;
  return {
    endpoint: endpointId(endpoint),
    kind: opts.kind ?? "text-to-video",
    family: label.split(" ")[0] ?? label,
    variant: "Standard",
    label,
    params: [{ kind: "enum", name: "duration", label: "Duration (s)", options: ["5", "10"], default: "5" }],
    buildInput: (params, ports) => ({ prompt: ports.prompt, duration: params.duration }),
    readResult: () => {
      throw new Error("not used by the picker");
    },
    price: (params) => {
      const seconds = Number(params.duration ?? 5);
      return usdPerSecond === null
        ? { usd: null, upperBound: false, basis: "price unknown (unit units)" }
        : {
            usd: seconds * usdPerSecond,
            upperBound: false,
            basis: `${seconds} s × $${usdPerSecond}/s (fal pricing API, 2026-12-05)`,
          };
    },
    sources: { checked: "2026-12-05", urls: [] },
    origin: { kind: "schema", from: "snapshot", date: "2026-12-05" },
    ...(opts.retired ? { retired: { on: "2026-11-01", successor: endpointId("fal-ai/veo3.1"), note: "gone" } } : {}),
  };
}

/** `n` made-up text-to-video catalogue models with varied names, for search tests. */
export function manyModels(n: number): ModelAdapter[] {
  const owners = ["fal-ai", "alibaba", "bytedance", "minimax", "lightricks", "luma", "xai"];
  const names = ["wan", "happy-horse", "seedance", "hailuo", "ltx", "ray", "grok-imagine", "kling", "pixverse", "vidu"];
  return Array.from({ length: n }, (_, i) => {
    const owner = owners[i % owners.length] ?? "fal-ai";
    const name = names[i % names.length] ?? "model";
    const version = `v${1 + (i % 4)}.${i % 10}`;
    return fakeCatalogueModel({
      endpoint: `${owner}/${name}/${version}/text-to-video/m${i}`,
      label: `${name} ${version} #${i}`,
      usdPerSecond: i % 5 === 0 ? null : 0.05 + (i % 7) / 100,
    });
  });
}
