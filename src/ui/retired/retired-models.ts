import { isGenerationNode, type Workflow } from "../../domain/workflow";
import type { ModelAdapter } from "../../nodes/types";
import { adapterForNode, findAdapter } from "../../nodes/registry";

/** A retired model family a workflow uses, and when it was retired ("Sora 2", "2026-09-24"). */
export interface RetiredUse {
  family: string;
  on: string;
}

/**
 * The retired models a workflow's generation nodes run, each family once, in node order: worked out from the
 * nodes and the registry, so a list of examples never needs a hand-kept "retired" word.
 */
export function retiredModelsOf(workflow: Workflow): RetiredUse[] {
  return retiredAmong(
    workflow.nodes.flatMap((node) => {
      if (!isGenerationNode(node)) return [];
      const found = adapterForNode(node);
      return found.ok ? [found.adapter] : [];
    }),
  );
}

/**
 * The same from the endpoints a workflow runs (an entry of public/examples/index.json carries its example's), so
 * the Examples list marks an example without reading its file. An endpoint this Reelflow does not know marks nothing.
 */
export function retiredModelsOfEndpoints(endpoints: readonly string[]): RetiredUse[] {
  return retiredAmong(endpoints.flatMap((e) => findAdapter(e) ?? []));
}

function retiredAmong(adapters: readonly ModelAdapter[]): RetiredUse[] {
  const seen = new Map<string, RetiredUse>();
  for (const adapter of adapters) {
    const retired = adapter.retired;
    if (!retired) continue;
    const key = `${adapter.family} ${retired.on}`;
    if (!seen.has(key)) seen.set(key, { family: adapter.family, on: retired.on });
  }
  return [...seen.values()];
}

/** "Uses a retired model: Sora 2 (retired 2026-09-24)"; empty when none is. */
export function retiredUseWords(uses: readonly RetiredUse[]): string {
  if (uses.length === 0) return "";
  const named = uses.map((u) => `${u.family} (retired ${u.on})`).join(", ");
  return uses.length === 1 ? `Uses a retired model: ${named}` : `Uses retired models: ${named}`;
}
