import { decodeShareLink, hasShareFragment, withoutShareFragment } from "../../../adapters/share";
import type { Workflow } from "../../../domain/workflow";

export type SharedOnStart =
  | { kind: "none" }
  | { kind: "workflow"; workflow: Workflow; migratedFrom?: number }
  | { kind: "damaged"; message: string };

/**
 * On start: does the address carry a shared workflow? The address is cleaned either way, so a
 * reload does not open it a second time. Only the workflow is read: nothing runs, and settings
 * (the proxy URL among them) are never taken from a link.
 */
export function takeSharedWorkflow(
  loc: { href: string; hash: string },
  replaceUrl: (url: string) => void,
): SharedOnStart {
  if (!hasShareFragment(loc.hash)) return { kind: "none" };
  const parsed = decodeShareLink(loc.hash);
  replaceUrl(withoutShareFragment(loc.href));
  if (!parsed.ok) return { kind: "damaged", message: `The shared link was not opened: ${parsed.errors.join("; ")}` };
  return { kind: "workflow", workflow: parsed.workflow, migratedFrom: parsed.migratedFrom };
}
