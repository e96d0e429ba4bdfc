import type { Workflow } from "../../domain/workflow";
import { checkConnection, type ConnectionRequest, type ConnectionVerdict } from "../../nodes/connect";

/** What React Flow hands isValidConnection and the connection events: a wire's two ends (handles may be null). */
export interface WireEnds {
  source: string;
  sourceHandle?: string | null;
  target: string;
  targetHandle?: string | null;
}

/**
 * `checkConnection`, asked once per wire and document. During a connection drag React Flow asks about the handle
 * under the pointer on every pointer move; the answer only changes when the pointer reaches another handle or
 * the document changes, so the last answer is kept (the check walks the edges for cycles).
 */
export function verdictsFor(getDoc: () => Workflow): (wire: WireEnds) => ConnectionVerdict {
  let doc: Workflow | undefined;
  let key = "";
  let verdict: ConnectionVerdict = { ok: true };
  return (wire) => {
    const req: ConnectionRequest = {
      source: wire.source,
      sourceHandle: wire.sourceHandle ?? "",
      target: wire.target,
      targetHandle: wire.targetHandle ?? "",
    };
    const now = getDoc();
    const k = `${req.source}\n${req.sourceHandle}\n${req.target}\n${req.targetHandle}`;
    if (now !== doc || k !== key) {
      doc = now;
      key = k;
      verdict = checkConnection(now, req);
    }
    return verdict;
  };
}
