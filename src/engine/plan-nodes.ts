import type { CacheKey, NodeId } from "../domain/ids";
import type { GenerationNode, WorkflowNode } from "../domain/workflow";
import { isGenerationNode } from "../domain/workflow";
import { effectiveParams } from "../nodes/params";
import type { ModelAdapter, NodeDefinition } from "../nodes/types";
import type { MediaRef } from "./cache-key";
import { mediaKey, mediaRefOf, textKey } from "./cache-key";
import { textParam } from "./plan-checks";
import { keyGeneration, type GenerationDraft } from "./plan-keys";
import type { CheckedEdges, Known } from "./plan-known";
import type { KeyChoice, PlannedNode, PlannedSource, PlanOptions } from "./plan-types";
import { upstreamPairs, type Upstream } from "./upstream";

/** Each node of a run as it will run: a source's value, a generation's model, params, inputs, length, price; keyed. */

type Draft = GenerationDraft | Omit<PlannedSource, "key">;

/**
 * Every node of the run, planned and keyed. Keys are hashed concurrently, each node waiting only for its
 * own upstream keys: hashing is asynchronous (Web Crypto), and doing it one node after another makes big
 * graphs plan slowly.
 */
export async function planNodes(
  sorted: readonly NodeId[],
  known: Known,
  feeding: CheckedEdges["feeding"],
  feedsSoraRemix: ReadonlySet<NodeId>,
  newTakes: PlanOptions["newTakes"],
): Promise<{ nodes: Map<NodeId, PlannedNode>; children: Map<NodeId, NodeId[]> }> {
  const keys = new Map<NodeId, Promise<CacheKey>>();
  const choices = new Map<NodeId, Promise<KeyChoice>>();
  const drafts = new Map<NodeId, Draft>();
  const children = new Map<NodeId, NodeId[]>();
  for (const id of sorted) {
    const n = known.byId.get(id) as WorkflowNode;
    if (!isGenerationNode(n)) {
      const { draft, key } = planSource(n, known.defOf(n));
      drafts.set(id, draft);
      keys.set(id, key);
      continue;
    }
    const upstream: Upstream = feeding.get(id) ?? {};
    const feeders = new Set(upstreamPairs(upstream).map(([, up]) => up));
    for (const up of feeders) children.set(up, [...(children.get(up) ?? []), id]);
    const draft = draftGeneration(n, known, upstream, feedsSoraRemix.has(id), drafts);
    drafts.set(id, draft);
    const choice = keyGeneration(n, draft, known.inputsOf(n), keys, newTakes?.[id]);
    choices.set(id, choice);
    keys.set(
      id,
      // Downstream is keyed by the image that flows (a batch's chosen image), not by the whole result.
      choice.then((c) => c.outputKey),
    );
  }
  const nodes = new Map<NodeId, PlannedNode>();
  for (const id of sorted) {
    const draft = drafts.get(id) as PlannedNode;
    const choice = choices.get(id);
    nodes.set(
      id,
      choice ? { ...draft, ...(await choice) } : { ...draft, key: await (keys.get(id) as Promise<CacheKey>) },
    );
  }
  return { nodes, children };
}

/** A generation node as it will run, all but its key: model, effective params, inputs, length and price. */
function draftGeneration(
  n: GenerationNode,
  known: Known,
  upstream: Upstream,
  feedsRemix: boolean,
  drafts: ReadonlyMap<NodeId, Draft>,
): GenerationDraft {
  const adapter = known.adapters.get(n.id) as ModelAdapter;
  const typedPrompt = upstream.prompt ? undefined : textParam(n.data.params, "prompt");
  const params = effectiveParams(adapter, n.data.params ?? {});
  const videoFrom = upstream.video?.[0];
  const sourceUp = videoFrom ? drafts.get(videoFrom) : undefined;
  const sourceDurationSec = sourceUp?.role === "generation" ? sourceUp.durationSec : null;
  return {
    role: "generation",
    id: n.id,
    kind: n.type,
    title: known.defOf(n).title,
    adapter,
    endpoint: adapter.endpoint,
    params,
    upstream,
    typed: typedPrompt !== undefined ? { prompt: typedPrompt } : {},
    feedsRemix,
    durationSec: secondsOf(params.duration) ?? sourceDurationSec,
    price: adapter.price(params, { sourceDurationSec }),
  };
}

function planSource(
  n: Exclude<WorkflowNode, GenerationNode>,
  def: NodeDefinition,
): { draft: Omit<PlannedSource, "key">; key: Promise<CacheKey> } {
  const base = { role: "source" as const, id: n.id, kind: n.type, title: def.title };
  if (n.type === "prompt")
    return { draft: { ...base, value: { kind: "text", text: n.data.text } }, key: textKey(n.data.text) };
  const media = mediaRefOf(n.data) as MediaRef; // validated above
  return { draft: { ...base, value: { kind: "media", media } }, key: mediaKey(media) };
}

/** Some models take `duration` as a number (Sora), others as a string ("5", "8s"). */
function secondsOf(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) && v > 0 ? v : null;
  if (typeof v !== "string") return null;
  const n = Number.parseFloat(v);
  return Number.isFinite(n) && n > 0 ? n : null;
}
