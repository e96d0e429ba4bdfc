import type { z } from "zod/mini";
import { migrateWorkflow, workflowMigrations, type JsonObject, type WorkflowMigration } from "./migrations";
import { workflowV1Schema } from "./schema";
import { CURRENT_WORKFLOW_VERSION, NODE_KINDS, WORKFLOW_FORMAT, type Workflow } from "./workflow";
import { messageOf } from "./message-of";

/**
 * The one way into a Workflow: from a file, a paste, a share link or the clipboard.
 * Steps: check the header (is this ours, which version), migrate older versions step
 * by step, validate the body with zod, then check what needs the whole document
 * (unique ids, edges pointing at real nodes). Every problem found is reported, each in
 * words that name the node or edge; nothing is half-loaded.
 */
export type ParseResult = { ok: true; workflow: Workflow; migratedFrom?: number } | { ok: false; errors: string[] };

export interface ParseOptions {
  /** Tests pass their own registry; the app uses the built-in one. */
  migrations?: readonly WorkflowMigration[];
}

export function parseWorkflowText(text: string, opts: ParseOptions = {}): ParseResult {
  let input: unknown;
  try {
    input = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    return { ok: false, errors: [`The file is not valid JSON: ${messageOf(e)}`] };
  }
  return parseWorkflow(input, opts);
}

export function parseWorkflow(input: unknown, opts: ParseOptions = {}): ParseResult {
  if (!isPlainObject(input)) {
    return {
      ok: false,
      errors: [`The file is not a Reelflow workflow: expected a JSON object, found ${describe(input)}.`],
    };
  }
  const header = checkHeader(input);
  if (!header.ok) return { ok: false, errors: [header.error] };

  // Our own copy: the caller's object is never aliased into (or frozen with) the document.
  let doc = cloneJson(input);
  if (header.version < CURRENT_WORKFLOW_VERSION) {
    const migrated = migrateWorkflow(doc, header.version, opts.migrations ?? workflowMigrations);
    if (!migrated.ok) return { ok: false, errors: [migrated.error] };
    doc = migrated.doc;
  }

  const parsed = workflowV1Schema.safeParse(doc);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => describeIssue(issue, doc)) };

  const workflow = keepKeyOrder(doc, parsed.data) as Workflow;
  const errors = structuralErrors(workflow);
  if (errors.length > 0) return { ok: false, errors };
  return header.version < CURRENT_WORKFLOW_VERSION
    ? { ok: true, workflow, migratedFrom: header.version }
    : { ok: true, workflow };
}

/** The file text for a workflow: stable, readable, and ending in a newline like any text file. */
export function serializeWorkflow(w: Workflow): string {
  return `${JSON.stringify(w, null, 2)}\n`;
}

type Header = { ok: true; version: number } | { ok: false; error: string };

function checkHeader(doc: JsonObject): Header {
  if (!("format" in doc)) {
    return {
      ok: false,
      error: `The file is not a Reelflow workflow: it has no "format" field (expected "${WORKFLOW_FORMAT}").`,
    };
  }
  if (doc.format !== WORKFLOW_FORMAT) {
    return {
      ok: false,
      error: `The file is not a Reelflow workflow: its "format" is ${describe(doc.format)}, expected "${WORKFLOW_FORMAT}".`,
    };
  }
  if (!("version" in doc)) {
    return {
      ok: false,
      error: `The file has no "version" field; a Reelflow workflow says which format version it uses (this app writes version ${CURRENT_WORKFLOW_VERSION}).`,
    };
  }
  const version = doc.version;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 0) {
    return {
      ok: false,
      error: `The "version" field must be a whole number such as ${CURRENT_WORKFLOW_VERSION}, found ${describe(version)}.`,
    };
  }
  if (version > CURRENT_WORKFLOW_VERSION) {
    return {
      ok: false,
      error: `This file was made by a newer Reelflow (format version ${version}); this app reads up to version ${CURRENT_WORKFLOW_VERSION}. Update Reelflow to open it.`,
    };
  }
  return { ok: true, version };
}

/** Checks that need the whole document: unique ids, and edges that join real nodes. */
function structuralErrors(w: Workflow): string[] {
  const errors: string[] = [];
  const nodeCounts = countBy(w.nodes.map((n) => n.id));
  const edgeCounts = countBy(w.edges.map((e) => e.id));
  const reported = new Set<string>();
  for (const n of w.nodes) {
    const count = nodeCounts.get(n.id) ?? 0;
    if (count > 1 && !reported.has(`n:${n.id}`)) {
      reported.add(`n:${n.id}`);
      errors.push(`Node "${n.id}": the id is used by ${count} nodes; each node needs its own id`);
    }
  }
  for (const e of w.edges) {
    const count = edgeCounts.get(e.id) ?? 0;
    if (count > 1 && !reported.has(`e:${e.id}`)) {
      reported.add(`e:${e.id}`);
      errors.push(`Edge "${e.id}": the id is used by ${count} edges; each edge needs its own id`);
    }
    if (!nodeCounts.has(e.source)) errors.push(`Edge "${e.id}": source node "${e.source}" does not exist`);
    if (!nodeCounts.has(e.target)) errors.push(`Edge "${e.id}": target node "${e.target}" does not exist`);
  }
  return errors;
}

// ---- turning zod issues into sentences -------------------------------------------------

const EXPECTED_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  record: "an object",
};

function describeIssue(issue: z.core.$ZodIssue, doc: JsonObject): string {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  const value = valueAt(doc, path);
  const { subject, rest } = subjectOf(path, doc);
  const field = rest.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");

  if (issue.code === "invalid_union" && "discriminator" in issue && issue.discriminator === "type") {
    return value === undefined
      ? `${subject}: "type" is missing (one of ${NODE_KINDS.join(", ")})`
      : `${subject}: unknown node type ${describe(value)}`;
  }

  let problem: string;
  switch (issue.code) {
    case "invalid_type":
      problem =
        value === undefined
          ? "is missing"
          : `must be ${EXPECTED_WORDS[issue.expected] ?? issue.expected}, found ${describe(value)}`;
      break;
    case "too_small":
      problem = typeof value === "string" ? "must not be empty" : `is too small (${issue.message})`;
      break;
    case "invalid_union":
    case "invalid_format":
      problem = `${issue.message}, found ${describe(value)}`;
      break;
    case "invalid_value":
      problem = `must be ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}, found ${describe(value)}`;
      break;
    default:
      problem = issue.message;
  }
  if (subject === null) return field === "" ? `The file ${problem}` : `The "${field}" field ${problem}`;
  return field === "" ? `${subject} ${problem}` : `${subject}: ${field} ${problem}`;
}

/** `Node "v1"` / `Edge "e2"` (or `Node #3` when it has no usable id) and the path inside it. */
function subjectOf(
  path: readonly (string | number)[],
  doc: JsonObject,
): { subject: string | null; rest: (string | number)[] } {
  const [list, index, ...rest] = path;
  if ((list === "nodes" || list === "edges") && typeof index === "number") {
    const word = list === "nodes" ? "Node" : "Edge";
    const id = valueAt(doc, [list, index, "id"]);
    return { subject: typeof id === "string" && id !== "" ? `${word} "${id}"` : `${word} #${index + 1}`, rest };
  }
  return { subject: null, rest: [...path] };
}

function valueAt(doc: unknown, path: readonly (string | number)[]): unknown {
  let v: unknown = doc;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  return typeof v; // a function or symbol: nothing JSON holds
}

// ---- small helpers -----------------------------------------------------------------------

function isPlainObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function cloneJson(v: JsonObject): JsonObject {
  try {
    return structuredClone(v);
  } catch {
    return JSON.parse(JSON.stringify(v)) as JsonObject;
  }
}

function countBy(ids: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
  return m;
}

/**
 * zod puts known keys first; a saved file should keep the order its author wrote, so a
 * load/save round trip changes nothing. Keys the schema added (defaults) go last.
 */
function keepKeyOrder(raw: unknown, parsed: unknown): unknown {
  if (Array.isArray(raw) && Array.isArray(parsed)) return parsed.map((p, i) => keepKeyOrder(raw[i], p));
  if (isPlainObject(raw) && isPlainObject(parsed)) {
    const out: JsonObject = {};
    for (const k of Object.keys(raw)) if (Object.hasOwn(parsed, k)) setOwn(out, k, keepKeyOrder(raw[k], parsed[k]));
    for (const k of Object.keys(parsed)) if (!Object.hasOwn(out, k)) setOwn(out, k, parsed[k]);
    return out;
  }
  return parsed;
}

/** Plain assignment would treat a `__proto__` key from a file as the prototype. */
function setOwn(o: JsonObject, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}
