import { describe, expect, it } from "vitest";
import { defaultCatalogue, isOpenApiError, uncuratedEntries, type OpenApiDocument } from "./catalogue/index";
import { schemaBaseName, type JsonSchema } from "./catalogue/openapi";
import { inputSchemaOf, outputSchemaOf } from "./catalogue/validate";

// The documents the fake serves have the shape of fal's per-endpoint OpenAPI documents (see
// ../shared/reference/fal-platform-api.md), so code that reads fal's documents can be tested against them.

const documents = defaultCatalogue.flatMap((e) => {
  const doc = e.model.openapi;
  return doc && !isOpenApiError(doc) ? [[e.model.endpoint_id, doc] as [string, OpenApiDocument]] : [];
});

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => (k === "$ref" && typeof v === "string" ? [v] : refsIn(v)));
}

function objectSchemas(value: unknown): JsonSchema[] {
  if (Array.isArray(value)) return value.flatMap(objectSchemas);
  if (typeof value !== "object" || value === null) return [];
  const v = value as JsonSchema;
  const own = v.type === "object" && typeof v.properties === "object" ? [v] : [];
  return [...own, ...Object.values(v).flatMap(objectSchemas)];
}

describe("fake fal catalogue documents", () => {
  it("names schemas as fal does and points the queue paths at them", () => {
    expect(schemaBaseName("fal-ai/kling-video/v2.1/standard/image-to-video")).toBe("KlingVideoV21StandardImageToVideo");
    expect(schemaBaseName("fal-ai/ltx-2.3/extend-video")).toBe("Ltx23ExtendVideo");
    expect(schemaBaseName("minimax/h3/image-to-video")).toBe("H3ImageToVideo");
    for (const [id, doc] of documents) {
      const base = schemaBaseName(id);
      expect(doc.openapi, id).toBe("3.0.4");
      const playgroundUrl = `https://fal.ai/models/${id}`;
      expect(doc.info["x-fal-metadata"], id).toMatchObject({ endpointId: id, playgroundUrl });
      expect(doc.servers, id).toEqual([{ url: "https://queue.fal.run" }]);
      const request = `/${id}/requests/{request_id}`;
      const paths = [`/${id}`, request, `${request}/cancel`, `${request}/status`];
      expect(Object.keys(doc.paths).sort(), id).toEqual(paths.sort());
      expect(inputSchemaOf(doc, id), id).toBe(doc.components.schemas[`${base}Input`]);
      expect(outputSchemaOf(doc, id), id).toBe(doc.components.schemas[`${base}Output`]);
    }
  });

  it("resolves every $ref inside its own document", () => {
    for (const [id, doc] of documents) {
      for (const target of refsIn(doc)) {
        expect(target, id).toMatch(/^#\/components\/schemas\//);
        expect(doc.components.schemas[target.replace("#/components/schemas/", "")], `${id}: ${target}`).toBeDefined();
      }
    }
  });

  it("orders every object's fields with x-fal-order-properties and requires only declared ones", () => {
    for (const [id, doc] of documents) {
      for (const schema of objectSchemas(doc.components.schemas)) {
        if (!("x-fal-order-properties" in schema)) continue; // QueueStatus has none in fal's documents either
        const names = Object.keys(schema.properties as object);
        expect(schema["x-fal-order-properties"], `${id} ${String(schema.title)}`).toEqual(names);
        for (const r of (schema.required ?? []) as string[]) expect(names, `${id} requires ${r}`).toContain(r);
      }
    }
  });

  it("writes enums inline with their type, and defaults among the choices", () => {
    const enums = documents.flatMap(([id, doc]) =>
      objectSchemas(doc.components.schemas).flatMap((s) =>
        Object.entries(s.properties as Record<string, JsonSchema>).flatMap(([name, p]) => {
          const inner = Array.isArray(p.anyOf) ? (p.anyOf as JsonSchema[]).find((m) => Array.isArray(m.enum)) : p;
          return inner && Array.isArray(inner.enum) ? [{ where: `${id} ${name}`, inner, fallback: p.default }] : [];
        }),
      ),
    );
    expect(enums.length).toBeGreaterThan(50);
    for (const { where, inner, fallback } of enums) {
      const values = inner.enum as unknown[];
      expect(
        values.every((v) => typeof v === (inner.type === "integer" ? "number" : inner.type)),
        where,
      ).toBe(true);
      if (fallback !== undefined) expect(values, where).toContain(fallback);
    }
  });

  it("covers the three video kinds with six or more uncurated endpoints, an image model and an error record", () => {
    const hasDocument = (e: (typeof uncuratedEntries)[number]) => e.model.openapi && !isOpenApiError(e.model.openapi);
    const videoDocs = uncuratedEntries.filter((e) => hasDocument(e) && e.model.metadata?.category !== "text-to-image");
    expect(videoDocs.length).toBeGreaterThanOrEqual(6);
    const categories = new Set(videoDocs.map((e) => e.model.metadata?.category));
    expect([...categories].sort()).toEqual(["image-to-video", "text-to-video", "video-to-video"]);
    expect(uncuratedEntries.some((e) => e.model.metadata?.category === "text-to-image")).toBe(true);
    expect(uncuratedEntries.some((e) => isOpenApiError(e.model.openapi))).toBe(true);
    // The input forms fal uses: nullable anyOf, integer and string enums, lists of URLs and of nested objects.
    const inputs = JSON.stringify(videoDocs.map((e) => e.model.openapi));
    expect(inputs).toContain('{"type":"null"}');
    expect(inputs).toContain('"image_urls"');
    expect(inputs).toContain('"end_image_url"');
    expect(inputs).toContain('"last_frame_url"');
    expect(inputs).toContain('"video_url"');
  });
});
