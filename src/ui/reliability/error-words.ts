import type { EndpointId } from "../../domain/ids";
import type { NodeError } from "../../engine/errors";
import type { WorkflowNode } from "../../domain/workflow";
import { adapterForNode, adaptersFor, findAdapter } from "../../nodes/registry";
import { noProxyAdvice, type ProxyPlace } from "../settings/proxy-words";

/**
 * What the user can do about a node's error, beyond fal's words (which the node shows as they
 * are). Every code has an answer or says on purpose that fal's words are enough; all of them keep
 * the graph and every stored result as they are, and say so where a user might fear otherwise.
 */
export function adviceFor(e: NodeError, endpoint?: EndpointId, proxy?: ProxyPlace): string | null {
  switch (e.code) {
    case "auth":
      return "The proxy has no valid fal key (HTTP 401/403): set FAL_KEY where the proxy runs (.env.local for npm start) and restart it, or switch to Demo in Settings. Nothing was charged.";
    case "not-found":
      return notFoundAdvice(endpoint);
    case "validation":
      return e.field
        ? `fal refused the value of "${e.field}": change it on this node and run again. Nothing was charged.`
        : "fal refused the request: fix the input named above and run again. Nothing was charged.";
    case "invalid-input":
      return "Nothing was sent: fix the field named above and run again.";
    case "rate-limited":
      return "fal is rate limiting this key (HTTP 429): Reelflow already waited and retried. Wait a minute and run again; finished results are kept.";
    case "server":
      return "fal had a server error (HTTP 5xx) after retries: run again later. A job already at fal is picked up again, not paid twice.";
    case "network":
      return "No answer from the proxy (offline, or the proxy stopped): check the connection, that the proxy runs and the Proxy URL in Settings. Jobs already at fal are picked up again on the next run.";
    case "no-proxy":
      return noProxyAdvice(proxy);
    case "moderation":
      return "fal's content policy refused this prompt or input: reword it and run again. fal may still charge for the refused attempt.";
    case "submit-unknown":
      return 'The request may have reached fal, which may charge for it: check your fal requests first. "Submit again" sends it anew.';
    case "storage":
      return "This browser's storage is full: the result keeps fal's URL for now. Free space in the Storage panel (nothing is deleted without you), then run again to keep the video here.";
    case "bad-result":
      return "fal finished but sent something Reelflow cannot read: report it with the request id from the logs.";
    case "cancelled":
    case "upstream-failed":
    case "internal":
      return null;
    default: {
      const _: never = e.code;
      return _;
    }
  }
}

function notFoundAdvice(endpoint: EndpointId | undefined): string {
  const adapter = endpoint ? findAdapter(endpoint) : undefined;
  if (adapter?.retired) {
    const next = findAdapter(adapter.retired.successor);
    return `fal no longer runs ${adapter.label} (retired ${adapter.retired.on}). Pick ${next?.label ?? adapter.retired.successor} in this node's model list instead.`;
  }
  const other = adapter
    ? adaptersFor(adapter.kind).find((a) => !a.retired && a.endpoint !== adapter.endpoint)
    : undefined;
  return `fal does not know this endpoint (HTTP 404): the model may be retired${other ? `. Try ${other.label} in this node's model list` : ""}. Nothing was charged.`;
}

/** The endpoint a generation node runs (its own, or the file-format default); none for sources. */
export function endpointOfNode(node: WorkflowNode): EndpointId | undefined {
  switch (node.type) {
    case "text-to-video":
    case "image-to-video":
    case "remix":
    case "text-to-image":
    case "image-edit": {
      const lookup = adapterForNode(node);
      return lookup.ok ? lookup.adapter.endpoint : node.data.endpoint;
    }
    case "prompt":
    case "image":
    case "video":
      return undefined;
    default: {
      const _: never = node;
      return _;
    }
  }
}
