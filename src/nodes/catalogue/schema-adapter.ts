import { endpointId } from "../../domain/ids";
import type { FalModel, PriceFact } from "./fal-api";
import type { GenerationKind } from "../../domain/workflow";
import { defaultAdapter } from "../registry";
import type { FieldIssue, ModelAdapter, Params, PortValues, RetiredInfo } from "../types";
import { declaredParams, secondsOf } from "../models/model-kit";
import { paramProblem } from "../params";
import { bodyChecker, type BodyCheck } from "./body-check";
import { deriveParams, type ParamDerivation } from "./derive-params";
import { derivePorts, inputPorts, type PortBinding } from "./derive-ports";
import { kindFromInputs, outputMediaOf } from "./model-kind";
import { readImagesOutput } from "../models/image-kit";
import { namesOf } from "./naming";
import { categoryOf, endpointSchemas, unwrapField, type EndpointSchemas } from "./openapi";
import { isLengthField, priceFromFact, type PriceContext } from "./price";
import { readVideoResult } from "./read-output";
import { shortHelp } from "./wording";
import { videoActionFromId } from "../video-action";

/**
 * A ModelAdapter made from fal's description of an endpoint (its OpenAPI document and unit price), for any
 * video model fal runs that Reelflow has no curated adapter for. Pure: the document comes in as data.
 */

export type AdapterBuild = { ok: true; adapter: ModelAdapter } | { ok: false; reason: string };

/** A guess for a model nobody has timed (the curated ones take 60–320 s); only the UI's expectations use it. */
const TYPICAL_SECONDS = 120;

export function adapterFromFalModel(
  model: FalModel,
  price: PriceFact | undefined,
  from: "snapshot" | "live",
  date: string,
): AdapterBuild {
  const id = model.endpoint_id;
  const found = endpointSchemas(model);
  if (!found.ok) return found;
  const schemas = found.schemas;
  const category = categoryOf(model);
  const media = outputMediaOf(id, schemas, category);
  if (!media.ok) return media;
  const parts = modelParts(id, schemas);
  if (!parts.ok) return parts;
  const { bindings, params, check, checkParams } = parts;
  const kind = kindFromInputs(bindings, category, media.media);
  const names = namesOf(model);
  const video = bindings.find((b) => b.role === "video");
  const videoHelp = video ? descriptionOf(schemas, video.field) : undefined;
  const maxSourceSec = longestSourceSec(videoHelp);
  const pricing: PriceContext = {
    endpoint: id,
    kind,
    params: params.params,
    defaultSeconds: defaultSeconds(schemas),
    maxSourceSec,
    from,
    media: media.media,
  };
  const body = (p: Params, ports: PortValues) => bodyOf(p, ports, bindings, params);

  const adapter: ModelAdapter = {
    endpoint: endpointId(id),
    kind,
    family: names.family,
    variant: names.variant,
    label: names.label,
    params: params.params,
    inputs: inputPorts(bindings),
    validate: (p, ports) => [
      ...paramIssues(checkParams(body(p, ports)), p, params),
      ...sourceLengthIssues(video, ports, maxSourceSec),
    ],
    buildInput(p, ports) {
      requirePorts(names.label, bindings, ports);
      const sent = body(p, ports);
      const issues = check(sent);
      if (issues.length > 0) throw new Error(refusal(names.label, issues));
      return sent;
    },
    readResult: (raw, p) =>
      media.media === "images"
        ? readImagesOutput(raw, names.label)
        : readVideoResult(raw, names.label, askedSeconds(p, params)),
    price: (p, ports) => priceFromFact(price, p, ports, pricing),
    sources: { checked: date, urls: [model.metadata?.model_url || `https://fal.ai/models/${id}`] },
    typicalSeconds: TYPICAL_SECONDS,
    origin: { kind: "schema", from, date },
  };
  if (model.metadata?.status === "deprecated") adapter.retired = deprecation(model, kind);
  if (kind === "remix") {
    const reason = shortHelp(videoHelp);
    adapter.videoInput = reason ? { kind: "url", reason } : { kind: "url" };
    adapter.action = videoActionFromId(id, names.label);
  }
  return { ok: true, adapter };
}

/**
 * fal lists the model as deprecated: it goes through the retired-model path (the node says so once and offers a
 * switch). fal names no successor, so the offer is the first current curated model of the kind.
 */
function deprecation(model: FalModel, kind: GenerationKind): RetiredInfo {
  const on = model.metadata?.updated_at?.slice(0, 10) ?? "an unknown date";
  return {
    on,
    successor: defaultAdapter(kind).endpoint,
    note: "fal lists this model as deprecated; it may stop answering.",
  };
}

/** The names of a model's input fields in fal's order, for comparing with what a curated adapter sends. */
export function inputFieldNames(model: FalModel): readonly string[] | undefined {
  const found = endpointSchemas(model);
  return found.ok ? found.schemas.input.order : undefined;
}

type Parts =
  | { ok: true; bindings: readonly PortBinding[]; params: ParamDerivation; check: BodyCheck; checkParams: BodyCheck }
  | { ok: false; reason: string };

/** Ports, params and body checks, or why the model cannot run in a node. */
function modelParts(id: string, schemas: EndpointSchemas): Parts {
  const { document, input } = schemas;
  const { bindings, otherFiles } = derivePorts(document, input);
  const files = otherFiles.filter((f) => f.required).map((f) => (f.shape ? `${f.field} (${f.shape})` : f.field));
  if (files.length > 0) {
    return { ok: false, reason: `${id} needs ${files.join(" and ")}, which no Reelflow input can give` };
  }
  if (bindings.length === 0) {
    const fields = input.order.length > 0 ? `its fields: ${input.order.join(", ")}` : "its schema lists no fields";
    return { ok: false, reason: `${id} has no input Reelflow can connect (no prompt, image or video; ${fields})` };
  }
  const portFields = new Set(bindings.map((b) => b.field));
  const params = deriveParams(document, input, new Set([...portFields, ...otherFiles.map((f) => f.field)]));
  if (params.unusable.length > 0) {
    const [first] = params.unusable;
    return { ok: false, reason: `${id} needs ${first?.field} (${first?.why}), so it cannot run in a node` };
  }
  const check = bodyChecker(document, input);
  const checkParams = bodyChecker(document, input, portFields);
  return { ok: true, bindings, params, check, checkParams };
}

/** The body fal is sent: port values in their fields, then the declared params (unset optional ones left out). */
function bodyOf(
  p: Params,
  ports: PortValues,
  bindings: readonly PortBinding[],
  params: ParamDerivation,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const b of bindings) {
    const value = portValue(b, ports);
    if (value !== undefined) body[b.field] = value;
  }
  for (const [name, value] of Object.entries(declaredParams(params.params, p))) {
    if (params.sentOnlyWhenSet.has(name) && p[name] === undefined) continue;
    body[name] = value;
  }
  return body;
}

function portValue(b: PortBinding, ports: PortValues): string | string[] | undefined {
  switch (b.role) {
    case "prompt":
      return ports.prompt !== undefined && ports.prompt.trim() !== "" ? ports.prompt : undefined;
    case "image":
      return ports.image?.url;
    case "endImage":
      return ports.endImage?.url;
    case "images":
      return ports.images && ports.images.length > 0 ? ports.images.map((i) => i.url) : undefined;
    case "video":
      return ports.video?.url;
    default: {
      const _: never = b.role;
      return _;
    }
  }
}

function requirePorts(label: string, bindings: readonly PortBinding[], ports: PortValues): void {
  const missing = bindings.find((b) => b.required && portValue(b, ports) === undefined);
  if (!missing) return;
  const what = missing.role === "images" ? "reference images" : withArticle(missing.label.toLowerCase());
  throw new Error(`${label} needs ${what}, but none arrived on its ${missing.handle} input.`);
}

const withArticle = (w: string) => (/^[aeiou]/.test(w) ? `an ${w}` : `a ${w}`);

function refusal(label: string, issues: readonly FieldIssue[]): string {
  const said = issues.map((i) => `${i.field}: ${i.message}`).join("; ");
  return `${label} would refuse this request, so it was not sent: ${said}`;
}

/**
 * Schema issues of the params and ports at hand, less those the node's own param check reports already
 * (src/nodes/params.ts runs it first, in fal's words): one problem is said once.
 */
function paramIssues(issues: readonly FieldIssue[], p: Params, params: ParamDerivation): FieldIssue[] {
  return issues.filter((issue) => {
    const field = issue.field.split(/[.[]/)[0] ?? issue.field;
    const spec = params.params.find((s) => s.name === field);
    const given = p[field];
    return !(spec && given !== undefined && paramProblem(spec, given) !== undefined);
  });
}

function sourceLengthIssues(video: PortBinding | undefined, ports: PortValues, maxSec: number | null): FieldIssue[] {
  const sec = ports.video?.durationSec;
  if (!video || maxSec === null || typeof sec !== "number" || sec <= maxSec) return [];
  return [{ field: video.field, message: `takes videos up to ${maxSec} s long; this one is ${sec} s` }];
}

const descriptionOf = (schemas: EndpointSchemas, field: string) =>
  unwrapField(schemas.document, schemas.input.properties[field] ?? {}).description;

/** "Max duration: 10s" or "Duration: 2-10s" in the video field's description: the longest source fal takes. */
function longestSourceSec(description: string | undefined): number | null {
  if (!description) return null;
  const max = /max(?:imum)?\s+duration:?\s*(\d+(?:\.\d+)?)\s*s/i.exec(description);
  const range = /duration:?\s*\d+(?:\.\d+)?\s*[-–]\s*(\d+(?:\.\d+)?)\s*s/i.exec(description);
  const found = max?.[1] ?? range?.[1];
  return found ? Number(found) : null;
}

/** fal's default length when the length is a field no param offers (a fixed or free-form `duration`). */
function defaultSeconds(schemas: EndpointSchemas): number | null {
  const name = schemas.input.order.find(isLengthField);
  if (!name) return null;
  const def = unwrapField(schemas.document, schemas.input.properties[name] ?? {}).default;
  return typeof def === "string" || typeof def === "number" ? secondsOf(def) : null;
}

/** The length asked for, for a result that does not say how long it is. */
function askedSeconds(p: Params, params: ParamDerivation): number | null {
  const declared = declaredParams(params.params, p);
  const name = params.params.find((s) => isLengthField(s.name))?.name;
  return name ? secondsOf(declared[name]) : null;
}
