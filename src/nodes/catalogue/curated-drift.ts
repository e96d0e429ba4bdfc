import type { ParamValue, Params } from "../../domain/workflow";
import { falQuotedRate, type QuotedRate } from "../models/quoted-rates";
import { allAdapters } from "../registry";
import type { ModelAdapter, ParamSpec, PortValues } from "../types";
import type { FalModel, PriceFact } from "./fal-api";
import { endpointSchemas, unwrapField, type JsonSchema, type ObjectSchema } from "./openapi";
import { messageOf } from "../../domain/message-of";

/**
 * Where a curated adapter and fal's own description of its endpoint disagree: a field the adapter sends that
 * fal's OpenAPI input schema lacks, a value it sends that fal's enum or type refuses, a field fal requires that
 * it never sends, or a curated price tier that differs from fal's one rate. Pure: the caller hands in what it
 * has (the bundled snapshot, or live answers from fal's Model and Pricing APIs) and shows the findings (a
 * warning beside the model; the drift test holds the snapshot to an explained list).
 */
export interface CuratedDriftFinding {
  endpoint: string;
  /** fal's field name, when the finding is about one field (absent: about the price or the whole schema). */
  field?: string;
  message: string;
}

/** What fal says about endpoints: models with their OpenAPI documents, and unit prices. Either may be absent. */
export interface FalFacts {
  models?: readonly FalModel[];
  prices?: readonly PriceFact[];
}

/** Findings for every curated adapter (default: all of them) whose endpoint `facts` describe. */
export function curatedDrift(facts: FalFacts, curated: readonly ModelAdapter[] = allAdapters()): CuratedDriftFinding[] {
  const findings: CuratedDriftFinding[] = [];
  for (const adapter of curated) {
    const model = facts.models?.find((m) => m.endpoint_id === adapter.endpoint);
    if (model) findings.push(...fieldDrift(adapter, model));
    const price = facts.prices?.find((p) => p.endpoint_id === adapter.endpoint);
    const quote = falQuotedRate(adapter.endpoint);
    if (price && quote) findings.push(...priceDrift(adapter.endpoint, quote, price));
  }
  return findings;
}

// ---- fields ------------------------------------------------------------------------------------

/** Port values for every input a curated adapter may read, so each body carries every field it can send. */
const ALL_PORTS: PortValues = {
  prompt: "drift check",
  image: { url: "https://example.invalid/image.png" },
  endImage: { url: "https://example.invalid/end.png" },
  images: [{ url: "https://example.invalid/ref.png" }],
  video: { url: "https://example.invalid/video.mp4", videoId: "video_drift", durationSec: 5 },
};

/** One body the adapter can send, and which param value (if any) it was built to show. */
interface SentBody {
  body: Record<string, unknown>;
  param?: { spec: ParamSpec; value: ParamValue };
}

/** A field of fal's input schema without its wrappers, or undefined when fal has no such field. */
type FieldLookup = (name: string) => JsonSchema | undefined;

function fieldDrift(adapter: ModelAdapter, model: FalModel): CuratedDriftFinding[] {
  const endpoint = adapter.endpoint;
  const found = endpointSchemas(model);
  if (!found.ok) return [{ endpoint, message: found.reason }];
  const built = bodiesOf(adapter);
  if (!built.ok) return [{ endpoint, message: built.message }];
  const { document, input } = found.schemas;
  const fieldOf: FieldLookup = (name) => {
    const property = input.properties[name];
    return property && unwrapField(document, property).schema;
  };
  return distinct([
    ...built.bodies.flatMap((sent) => sentDrift(endpoint, sent, fieldOf)),
    ...boundsDrift(adapter, fieldOf),
    ...requiredDrift(endpoint, input, built.bodies),
  ]);
}

/** Each field of one body that fal's schema lacks, or whose value its enum or type refuses. */
function sentDrift(endpoint: string, sent: SentBody, fieldOf: FieldLookup): CuratedDriftFinding[] {
  return Object.entries(sent.body).flatMap(([field, value]): CuratedDriftFinding[] => {
    const schema = fieldOf(field);
    if (!schema) {
      const message = `Reelflow sends "${field}", which fal's schema for ${endpoint} does not have`;
      return [{ endpoint, field, message }];
    }
    const problem = valueProblem(schema, value);
    if (!problem) return [];
    const when = sent.param ? "" : " by default";
    return [{ endpoint, field, message: `Reelflow sends ${field} ${show(value)}${when}, but ${problem}` }];
  });
}

/** Fields fal requires that no body the adapter builds carries. */
function requiredDrift(endpoint: string, input: ObjectSchema, bodies: readonly SentBody[]): CuratedDriftFinding[] {
  return [...input.required]
    .filter((field) => !bodies.some((b) => field in b.body))
    .map((field) => ({ endpoint, field, message: `fal requires "${field}", which Reelflow never sends` }));
}

/** The findings without repeats (each body built repeats what the default body already showed). */
function distinct(findings: readonly CuratedDriftFinding[]): CuratedDriftFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const id = `${f.field ?? ""}\n${f.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** The bodies the adapter builds at its defaults and with each value each param offers (in fal's form). */
function bodiesOf(adapter: ModelAdapter): { ok: true; bodies: SentBody[] } | { ok: false; message: string } {
  const build = (params: Params) => adapter.buildInput(params, ALL_PORTS, { feedsRemix: true });
  try {
    const bodies: SentBody[] = [{ body: build({}) }];
    for (const spec of adapter.params) {
      for (const value of offeredValues(spec)) {
        bodies.push({ body: build({ [spec.name]: value }), param: { spec, value } });
      }
    }
    return { ok: true, bodies };
  } catch (e) {
    const why = messageOf(e);
    return { ok: false, message: `${adapter.label} could not build a request body to compare: ${why}` };
  }
}

/** Every enum option and boolean; a whole-number range of up to 100 values one by one, else its ends. */
function offeredValues(spec: ParamSpec): ParamValue[] {
  switch (spec.kind) {
    case "enum":
      return [...spec.options];
    case "boolean":
      return [true, false];
    case "number":
      return spec.integer && spec.max - spec.min <= 100
        ? Array.from({ length: spec.max - spec.min + 1 }, (_, i) => spec.min + i)
        : [spec.min, spec.max];
    case "text":
      return ["drift check"];
    default: {
      const _: never = spec;
      return _;
    }
  }
}

/** Why fal's field schema refuses a value (its enum, its JSON type), or undefined when it accepts it. */
function valueProblem(schema: JsonSchema, value: unknown): string | undefined {
  const options = Array.isArray(schema.enum) ? (schema.enum as unknown[]) : undefined;
  if (options && !options.some((o) => o === value)) return `fal's schema lists only ${options.map(show).join(", ")}`;
  const types = typesOf(schema);
  if (types.length > 0 && !types.some((t) => hasType(value, t))) return `fal's schema wants ${types.join(" or ")}`;
  return undefined;
}

function typesOf(schema: JsonSchema): string[] {
  const type: unknown = schema.type;
  if (typeof type === "string") return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === "string") : [];
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "null":
      return value === null;
    default:
      return true;
  }
}

/** A number param whose range reaches past fal's `minimum`/`maximum`. */
function boundsDrift(adapter: ModelAdapter, fieldOf: FieldLookup): CuratedDriftFinding[] {
  const endpoint = adapter.endpoint;
  return adapter.params.flatMap((spec): CuratedDriftFinding[] => {
    const schema = spec.kind === "number" ? fieldOf(spec.name) : undefined;
    if (spec.kind !== "number" || !schema) return [];
    const { minimum, maximum } = schema;
    const field = spec.name;
    const messages: string[] = [];
    if (typeof minimum === "number" && spec.min < minimum) {
      messages.push(`Reelflow offers ${field} from ${spec.min}; fal's minimum is ${minimum}`);
    }
    if (typeof maximum === "number" && spec.max > maximum) {
      messages.push(`Reelflow offers ${field} up to ${spec.max}; fal's maximum is ${maximum}`);
    }
    return messages.map((message) => ({ endpoint, field, message }));
  });
}

const show = (v: unknown): string => (typeof v === "string" ? `"${v}"` : String(v));

// ---- prices ------------------------------------------------------------------------------------

/** fal's one rate (and per-resolution tiers, where the fact has them) against the curated tier it answers. */
function priceDrift(endpoint: string, quote: QuotedRate, fact: PriceFact): CuratedDriftFinding[] {
  const from = `${fact.source.split(" (")[0]}, ${fact.fetchedAt.slice(0, 10)}`;
  if (!sameUnit(fact.unit, quote.unit) || fact.currency !== "USD") {
    const theirs = `fal prices it in ${fact.currency} per ${fact.unit} (${from})`;
    return [{ endpoint, message: `${theirs}; Reelflow's table is in USD per ${quote.unit}` }];
  }
  const findings: CuratedDriftFinding[] = [];
  const ours = (usd: readonly number[]) =>
    `Reelflow's table has ${usd.map((u) => `$${u}`).join(" or ")} (${quote.tier})`;
  if (!quote.usd.some((usd) => sameUsd(usd, fact.unit_price))) {
    const per = fact.unit.replace(/s$/, "");
    findings.push({ endpoint, message: `fal's rate is $${fact.unit_price} per ${per} (${from}); ${ours(quote.usd)}` });
  }
  for (const [tier, usd] of Object.entries(fact.tiers ?? {})) {
    const mine = quote.tiers?.[tier];
    if (mine !== undefined && !sameUsd(mine, usd)) {
      findings.push({ endpoint, message: `fal's ${tier} rate is $${usd} (${from}); ${ours([mine])}` });
    }
  }
  return findings;
}

/** fal names a unit in the singular or the plural ("image" in its pricing record, "seconds" in live answers). */
const sameUnit = (a: string, b: string) => a.trim().replace(/s$/, "") === b.trim().replace(/s$/, "");

/** Equal to a hundredth of a cent: prices are decimal figures, read as binary floats on both sides. */
const sameUsd = (a: number, b: number) => Math.abs(a - b) < 1e-6;
