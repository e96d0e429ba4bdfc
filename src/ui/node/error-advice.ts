import type { NodeError } from "../../engine/errors";

/** What the user can do about an error, beyond fal's words. */
export function errorAdvice(e: NodeError): string | null {
  switch (e.code) {
    case "network":
      return "No answer from the proxy: is `npm start` running, and is the Proxy URL in Settings right?";
    case "rate-limited":
      return "fal is rate limiting: wait a little and run again.";
    case "not-found":
      return "fal does not know this endpoint or request: check the model in this node.";
    case "submit-unknown":
      return "The request may have reached fal: check your fal dashboard before running again.";
    case "storage":
      return "The browser's storage is full: free space (delete old workflows or site data) to keep videos locally.";
    // A 401/403 gets the banner at the top with exactly what to do; the node keeps fal's words.
    case "auth":
    case "invalid-input":
    case "validation":
    case "server":
    case "moderation":
    case "cancelled":
    case "bad-result":
    case "upstream-failed":
    case "internal":
      return null;
    default: {
      const _: never = e.code;
      return _;
    }
  }
}
