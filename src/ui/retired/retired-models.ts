import { isGenerationNode, type Workflow } from "../../domain/workflow";
import { adapterForNode } from "../../nodes/registry";

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
  const seen = new Map<string, RetiredUse>();
  for (const node of workflow.nodes) {
    if (!isGenerationNode(node)) continue;
    const found = adapterForNode(node);
    const retired = found.ok ? found.adapter.retired : undefined;
    if (!found.ok || !retired) continue;
    const key = `${found.adapter.family} ${retired.on}`;
    if (!seen.has(key)) seen.set(key, { family: found.adapter.family, on: retired.on });
  }
  return [...seen.values()];
}

/** "Uses a retired model: Sora 2 (retired 2026-09-24)"; empty when none is. */
export function retiredUseWords(uses: readonly RetiredUse[]): string {
  if (uses.length === 0) return "";
  const named = uses.map((u) => `${u.family} (retired ${u.on})`).join(", ");
  return uses.length === 1 ? `Uses a retired model: ${named}` : `Uses retired models: ${named}`;
}
