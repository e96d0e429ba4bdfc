import type { CacheKey, EndpointId, NodeId, RequestId } from "../domain/ids";
import type { NodeError } from "./errors";
import type { CachedResult, LogLine } from "./ports";

/** Everything the executor tells the world; the UI and CLI fold these with `reduceRun`. */
export type RunEvent =
  | { type: "run-started"; at: number; nodeIds: NodeId[] }
  | { type: "queued"; nodeId: NodeId; at: number } // waiting for inputs or a slot
  | { type: "submitting"; nodeId: NodeId; key: CacheKey; endpoint: EndpointId; at: number }
  | { type: "submitted"; nodeId: NodeId; requestId: RequestId; endpoint: EndpointId; at: number }
  | { type: "resumed"; nodeId: NodeId; requestId: RequestId; endpoint: EndpointId; at: number }
  | { type: "queue-position"; nodeId: NodeId; position: number | null; at: number }
  | { type: "running"; nodeId: NodeId; at: number }
  | { type: "logs"; nodeId: NodeId; lines: LogLine[]; at: number }
  | { type: "succeeded"; nodeId: NodeId; result: CachedResult; at: number }
  | { type: "cached"; nodeId: NodeId; result: CachedResult; at: number }
  | { type: "failed"; nodeId: NodeId; error: NodeError; at: number }
  | { type: "skipped"; nodeId: NodeId; because: NodeId; at: number }
  | { type: "cancelled"; nodeId: NodeId; at: number }
  | { type: "run-finished"; at: number };
