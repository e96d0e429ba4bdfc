import type { Plan } from "../engine/plan";
import type { CachedResult } from "../engine/ports";
import type { NodeRunState, RunState } from "../engine/run-state";
import { isImageResult } from "../nodes/results";
import type { Preflight } from "./preflight";

/**
 * The one JSON document `--json` prints (the shape is a public contract, issue 3 §6):
 *
 *   { "ok": bool,
 *     "nodes": { "<id>": { "status": "succeeded"|"cached"|"failed"|"skipped"|"planned",
 *                          "endpoint"?, "requestId"?, "costUsd"?: number|null, "priceKnown"?: false,
 *                          "output"?: { "video"?: { "url", "video_id" }, "file"?: "<local path>" },
 *                          "error"? } },
 *     "totals": { "submitted", "cached", "failed", "estimatedCostUsd", "unknownPriceNodes" } }
 *
 * Only generation nodes are listed (sources never run). `estimatedCostUsd` is what this run paid
 * (estimated), or for --dry-run what it would pay, counting known prices only: a node whose price
 * is unknown has `costUsd: null` and `priceKnown: false`, and the nodes paid (or to be paid) at an
 * unknown price are listed in `totals.unknownPriceNodes`, never summed as $0. Additive fields:
 * `errors` (why nothing ran), `dryRun`, `resumed` on a node re-attached to an earlier run's job, `take` on a
 * node run as a new take (`--new-take`): its key and variant, and whether `--save-takes` recorded it in the file,
 * `catalogue` (where catalogue models and prices came from), `rawResult` on a node whose result fal sent but
 * Reelflow could not read (as kept in the job ledger: the result, or the first 64 KB of its JSON as text).
 */
export type ReportStatus = "succeeded" | "cached" | "failed" | "skipped" | "planned";

export interface ReportNode {
  status: ReportStatus;
  endpoint?: string;
  requestId?: string;
  /** null: the price is unknown (then `priceKnown` is false). */
  costUsd?: number | null;
  priceKnown?: false;
  /** A video's URL and fal's id for it, or (image nodes) each image's URL in fal's order. */
  output?: { video?: { url: string; video_id: string | null }; images?: { url: string }[]; file?: string };
  error?: string;
  resumed?: boolean;
  take?: { key: string; variant?: string; saved: boolean };
  rawResult?: unknown;
}

export interface Report {
  ok: boolean;
  nodes: Record<string, ReportNode>;
  totals: { submitted: number; cached: number; failed: number; estimatedCostUsd: number; unknownPriceNodes: string[] };
  dryRun?: boolean;
  errors?: string[];
  /** Where the models read from fal's schema came from, and whether fal's live catalogue answered. */
  catalogue?: string;
}

type FileOf = (r: CachedResult) => string | undefined;

/** `costUsd` of a node: the figure, or null with `priceKnown: false` (never a silent $0). */
const costOf = (v: number | null): Pick<ReportNode, "costUsd" | "priceKnown"> =>
  v === null ? { costUsd: null, priceKnown: false } : { costUsd: v };

function outputOf(r: CachedResult, fileOf: FileOf): ReportNode["output"] {
  const file = fileOf(r);
  const result = r.result;
  const made = isImageResult(result)
    ? { images: result.images.map((i) => ({ url: i.url })) }
    : { video: { url: result.video.url, video_id: result.videoId } };
  return { ...made, ...(file ? { file } : {}) };
}

/** A report that says why nothing ran (invalid file or arguments). */
export function errorReport(errors: string[]): Report {
  return {
    ok: false,
    nodes: {},
    totals: { submitted: 0, cached: 0, failed: 0, estimatedCostUsd: 0, unknownPriceNodes: [] },
    errors,
  };
}

/** --dry-run, and a run refused by --budget: what would happen, nothing sent. */
export function preflightReport(pre: Preflight, fileOf: FileOf, refusal?: string): Report {
  const nodes: Record<string, ReportNode> = {};
  let cached = 0;
  let failed = 0;
  for (const e of pre.entries) {
    const base = { endpoint: e.node.endpoint };
    switch (e.status) {
      case "cached":
        cached++;
        nodes[e.node.id] = {
          status: "cached",
          ...base,
          ...(e.cached.requestId ? { requestId: e.cached.requestId } : {}),
          output: outputOf(e.cached, fileOf),
        };
        break;
      case "resume":
        nodes[e.node.id] = { status: "planned", ...base, requestId: e.requestId, costUsd: 0, resumed: true };
        break;
      case "planned":
        nodes[e.node.id] = { status: "planned", ...base, ...costOf(e.node.price.usd) };
        break;
      case "unavailable":
        failed++;
        nodes[e.node.id] = {
          status: "failed",
          ...base,
          error: `${e.node.title} ${e.node.id}: the pinned take is no longer stored here: unpin it to make a new one`,
        };
        break;
      default: {
        const _: never = e;
        return _;
      }
    }
  }
  return {
    ok: refusal === undefined,
    dryRun: true,
    nodes,
    totals: { submitted: 0, cached, failed, estimatedCostUsd: pre.totalUsd, unknownPriceNodes: [...pre.unknownPrice] },
    ...(refusal ? { errors: [refusal] } : {}),
  };
}

/** The report of a run that happened, folded from the engine's events. */
export function runReport(plan: Plan, state: RunState, fileOf: FileOf): Report {
  const nodes: Record<string, ReportNode> = {};
  const unknownPriceNodes: string[] = [];
  for (const id of plan.order) {
    const planned = plan.nodes.get(id);
    if (planned?.role !== "generation") continue;
    const n: NodeRunState | undefined = state.nodes[id];
    const node: ReportNode = { status: reportStatus(n), endpoint: n?.endpoint ?? planned.endpoint };
    const requestId = n?.result?.requestId ?? n?.requestId;
    if (requestId) node.requestId = requestId;
    if (n?.result) {
      node.output = outputOf(n.result, fileOf);
      Object.assign(node, costOf(n.result.costUsd));
      if (n.status === "succeeded" && n.result.costUsd === null) unknownPriceNodes.push(id);
    } else if (n?.error?.mayHaveBeenCharged) {
      Object.assign(node, costOf(planned.price.usd));
      if (planned.price.usd === null) unknownPriceNodes.push(id);
    }
    if (n?.status === "failed" && n.error) node.error = n.error.message;
    if (n?.status === "failed" && n.error?.rawResult !== undefined) node.rawResult = n.error.rawResult;
    if (n?.status === "cancelled") node.error = "cancelled (interrupted)";
    if (n?.status === "skipped")
      node.error = `skipped because ${n.skippedBecause ?? "an input"} did not produce a result`;
    if (n?.resumed) node.resumed = true;
    nodes[id] = node;
  }
  const failed = Object.values(nodes).filter((x) => x.status === "failed").length;
  const ok = Object.values(nodes).every((x) => x.status === "succeeded" || x.status === "cached");
  return {
    ok,
    nodes,
    totals: {
      submitted: state.totals.submitted,
      cached: state.totals.cached,
      failed,
      estimatedCostUsd: state.totals.costUsd,
      unknownPriceNodes,
    },
  };
}

function reportStatus(n: NodeRunState | undefined): ReportStatus {
  const status = n?.status;
  switch (status) {
    case "succeeded":
    case "cached":
    case "failed":
    case "skipped":
      return status;
    case "cancelled":
      return "failed";
    case undefined:
    case "idle":
    case "queued":
    case "running":
      // The run ended (interrupted) before this node did.
      return "skipped";
    default: {
      const _: never = status;
      return _;
    }
  }
}
