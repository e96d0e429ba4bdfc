import type { NodeId } from "../domain/ids";
import { parseWorkflowText, serializeWorkflow } from "../domain/parse";
import type { Workflow } from "../domain/workflow";
import { extractFragment } from "./fragment";
import type { Fragment } from "./types";

/**
 * Copy/paste travels as an ordinary `reelflow/workflow` document holding the copied nodes
 * and the edges between them, so it pastes across tabs and even opens as a file. Reading it
 * back goes through the one workflow parser (migrations included).
 */
export function serializeFragment(doc: Workflow, nodeIds: readonly NodeId[]): string | null {
  const fragment = extractFragment(doc, nodeIds);
  return fragment.nodes.length === 0 ? null : serializeWorkflow(fragment);
}

export type FragmentParse = { ok: true; fragment: Fragment } | { ok: false; errors: string[] };

export function parseFragment(text: string): FragmentParse {
  const parsed = parseWorkflowText(text);
  if (!parsed.ok) return parsed;
  if (parsed.workflow.nodes.length === 0)
    return { ok: false, errors: ["The clipboard holds a workflow with no nodes."] };
  return { ok: true, fragment: parsed.workflow };
}

/** Cheap test before parsing: is this text worth offering as a paste of nodes? */
export function looksLikeFragment(text: string): boolean {
  return /^\s*\{/.test(text) && text.includes('"reelflow/workflow"');
}
