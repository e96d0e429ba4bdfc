import type { NodeId } from "../../domain/ids";
import type { ModelAdapter } from "../../nodes/types";

/** The question (first line of the text, the dialog's title); browser journeys recognise the dialog by it. */
export const RETIRED_WARNING_START = "Send to retired models?";

/**
 * The confirm shown before a run would send jobs to retired models, naming each node, or null when
 * no job goes to one (cached results of retired models keep playing without asking).
 */
export function retiredWarning(toSend: readonly { id: NodeId; adapter: ModelAdapter }[]): string | null {
  const retired = toSend.filter((n) => n.adapter.retired);
  if (retired.length === 0) return null;
  const lines = retired.map((n) => `• ${n.id}: ${n.adapter.label}, retired ${n.adapter.retired?.on ?? ""}`);
  return `${RETIRED_WARNING_START}\n${lines.join("\n")}\nfal will most likely refuse them (nothing is charged for a refusal).`;
}
