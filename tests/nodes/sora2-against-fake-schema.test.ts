import { describe, expect, it } from "vitest";
import { sora2Adapters } from "../../src/nodes/models/sora2";
import { validateParams } from "../../src/nodes/params";
import type { BuildContext, ModelAdapter, ParamValue, PortValues } from "../../src/nodes/types";
import { endpointSchemas, validateBody } from "../fake-fal/schemas";

// The fake fal's schemas were written from fal's pages independently of src/nodes. Two
// promises are checked against them: every body an adapter builds from valid params is
// accepted with no stray field, and whatever the fake would refuse with a 422 our
// validateParams refuses first, with the same message for the same field.
const ports: PortValues = {
  prompt: "A cat",
  image: { url: "https://example.com/a.png" },
  video: { url: "https://x/v.mp4", videoId: "video_1" },
};
const contexts: BuildContext[] = [{ feedsRemix: false }, { feedsRemix: true }];

/** Every combination of every enum option of an adapter. */
function allChoices(a: ModelAdapter): Record<string, ParamValue>[] {
  let combos: Record<string, ParamValue>[] = [{}];
  for (const p of a.params) {
    if (p.kind !== "enum") throw new Error(`${a.endpoint}: ${p.name} is not an enum`);
    combos = combos.flatMap((c) => p.options.map((o) => ({ ...c, [p.name]: o })));
  }
  return combos;
}

const CANDIDATES: ParamValue[] = [
  "",
  "auto",
  "720p",
  "1080p",
  "4k",
  "9:16",
  "16:9",
  "1:1",
  "4",
  "8s",
  0,
  4,
  5,
  8,
  12,
  16,
  4.5,
  true,
  false,
];

describe.each(sora2Adapters.map((a) => [a.endpoint, a] as const))(
  "%s against the fake fal's schema",
  (endpoint, adapter) => {
    const schema = endpointSchemas[endpoint];

    it("has a schema in the fake", () => {
      expect(schema).toBeDefined();
    });

    it("every valid choice builds a body the fake accepts, with no field it would ignore", () => {
      if (!schema) return;
      for (const params of allChoices(adapter)) {
        for (const ctx of contexts) {
          expect(validateParams(adapter, params, ports)).toEqual([]);
          const body = adapter.buildInput(params, ports, ctx);
          expect({ params, ctx, result: validateBody(schema, body) }).toEqual({
            params,
            ctx,
            result: { errors: [], ignoredFields: [] },
          });
        }
      }
    });

    it("refuses before sending exactly what the fake would refuse, in the same words", () => {
      if (!schema) return;
      for (const spec of adapter.params) {
        for (const value of CANDIDATES) {
          const params = { [spec.name]: value };
          const ourIssues = validateParams(adapter, params, ports);
          const falErrors = validateBody(schema, adapter.buildInput(params, ports, { feedsRemix: false })).errors;
          // A value of the wrong JSON type for a string enum: pydantic's Enum validator answers
          // with the choices (what we say); the fake answers "a valid string". Same field either way.
          const sameType = spec.kind === "enum" && spec.options.some((o) => typeof o === typeof value);
          const ours = ourIssues.map((i) => (sameType ? `${i.field}: ${i.message}` : i.field));
          const fal = falErrors.map((e) => (sameType ? `${String(e.loc[1])}: ${e.msg}` : String(e.loc[1])));
          expect({ field: spec.name, value, ours }).toEqual({ field: spec.name, value, ours: fal });
        }
      }
    });

    it("declares every optional field of the schema except delete_video (set from the graph, not by the user)", () => {
      if (!schema) return;
      const portFields = ["prompt", "image_url", "video_id"];
      const declared = adapter.params.map((p) => p.name).sort();
      const schemaParams = Object.keys(schema.fields)
        .filter((f) => !portFields.includes(f) && f !== "delete_video")
        .sort();
      expect(declared).toEqual(schemaParams);
      for (const p of adapter.params) {
        const rule = schema.fields[p.name];
        expect({ name: p.name, default: p.kind === "enum" ? p.default : undefined }).toEqual({
          name: p.name,
          default: rule && "default" in rule ? rule.default : undefined,
        });
      }
    });
  },
);
