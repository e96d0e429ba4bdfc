import type { NodeId } from "../domain/ids";
import type { RunEvent } from "./events";
import type { LogLine } from "./ports";
import { initialRunState, type NodeRunState, type NodeStatus, type RunState, type RunTotals } from "./run-state-types";

/** The run state folded from the executor's events (its shape: ./run-state-types.ts). Pure, like the shape. */

export const MAX_LOG_LINES = 200;

// The shape and the idle state have their own module (./run-state-types.ts): the app's first screen needs the idle
// state, not the reducer, which loads with the run code.
export * from "./run-state-types";

const idleNode: NodeRunState = { status: "idle", logs: [] };

const isTerminal = (s: NodeStatus) =>
  s === "succeeded" || s === "cached" || s === "failed" || s === "skipped" || s === "cancelled";

export function reduceRun(state: RunState, ev: RunEvent): RunState {
  switch (ev.type) {
    case "run-started": {
      // A new run keeps earlier results of nodes it does not touch (e.g. "Run this node").
      const nodes: Record<NodeId, NodeRunState> = { ...state.nodes };
      for (const id of ev.nodeIds) nodes[id] = { ...idleNode };
      return { phase: "running", startedAt: ev.at, nodes, totals: { ...initialRunState.totals } };
    }
    case "queued":
      return patchNode(state, ev.nodeId, () => ({ ...idleNode, status: "queued" }));
    case "submitting":
      return patchNode(state, ev.nodeId, (n) => ({ ...n, status: "queued", submitting: true, endpoint: ev.endpoint }));
    case "submitted":
      return bumpTotals(
        patchNode(state, ev.nodeId, (n) => ({
          ...n,
          status: "queued",
          submitting: false,
          endpoint: ev.endpoint,
          requestId: ev.requestId,
          startedAt: n.startedAt ?? ev.at,
        })),
        { submitted: 1 },
      );
    case "resumed":
      return patchNode(state, ev.nodeId, (n) => ({
        ...n,
        status: "queued",
        submitting: false,
        resumed: true,
        endpoint: ev.endpoint,
        requestId: ev.requestId,
        startedAt: n.startedAt ?? ev.at,
      }));
    case "queue-position":
      return patchNode(state, ev.nodeId, (n) => (isTerminal(n.status) ? n : { ...n, queuePosition: ev.position }));
    case "running":
      return patchNode(state, ev.nodeId, (n) =>
        isTerminal(n.status) ? n : { ...n, status: "running", queuePosition: null, startedAt: n.startedAt ?? ev.at },
      );
    case "logs":
      return patchNode(state, ev.nodeId, (n) => appendLogs(n, ev.lines));
    case "succeeded":
      return bumpTotals(
        patchNode(state, ev.nodeId, (n) => ({
          ...n,
          status: "succeeded",
          submitting: false,
          queuePosition: null,
          result: ev.result,
          requestId: ev.result.requestId ?? n.requestId,
          finishedAt: ev.at,
          error: undefined,
        })),
        { costUsd: ev.result.costUsd ?? 0 },
      );
    case "cached":
      return bumpTotals(
        patchNode(state, ev.nodeId, (n) => ({
          ...n,
          status: "cached",
          result: ev.result,
          finishedAt: ev.at,
          error: undefined,
        })),
        { cached: 1 },
      );
    case "failed":
      return bumpTotals(
        patchNode(state, ev.nodeId, (n) => ({
          ...n,
          status: "failed",
          submitting: false,
          error: ev.error,
          finishedAt: ev.at,
        })),
        { failed: 1 },
      );
    case "skipped":
      return patchNode(state, ev.nodeId, (n) => ({
        ...n,
        status: "skipped",
        skippedBecause: ev.because,
        finishedAt: ev.at,
      }));
    case "cancelled":
      return patchNode(state, ev.nodeId, (n) => ({ ...n, status: "cancelled", submitting: false, finishedAt: ev.at }));
    case "run-finished":
      return { ...state, phase: "finished", finishedAt: ev.at };
    default: {
      const _: never = ev;
      return _;
    }
  }
}

function patchNode(state: RunState, id: NodeId, f: (n: NodeRunState) => NodeRunState): RunState {
  const prev = state.nodes[id] ?? idleNode;
  return { ...state, nodes: { ...state.nodes, [id]: f(prev) } };
}

function bumpTotals(state: RunState, d: Partial<RunTotals>): RunState {
  const t = state.totals;
  return {
    ...state,
    totals: {
      submitted: t.submitted + (d.submitted ?? 0),
      cached: t.cached + (d.cached ?? 0),
      failed: t.failed + (d.failed ?? 0),
      // Rounded to a tenth of a cent so sums of $0.10 steps do not print as 0.30000000000000004.
      costUsd: Math.round((t.costUsd + (d.costUsd ?? 0)) * 1000) / 1000,
    },
  };
}

function appendLogs(n: NodeRunState, lines: readonly LogLine[]): NodeRunState {
  if (lines.length === 0) return n;
  const all = [...n.logs, ...lines];
  const overflow = Math.max(0, all.length - MAX_LOG_LINES);
  return {
    ...n,
    logs: overflow > 0 ? all.slice(overflow) : all,
    droppedLogLines: (n.droppedLogLines ?? 0) + overflow,
  };
}

/** Fold a list of events (e.g. a recorded run) from the initial state. */
export const foldRun = (events: readonly RunEvent[], from: RunState = initialRunState): RunState =>
  events.reduce(reduceRun, from);

/**
 * Folds events like `reduceRun` but in constant time per event, for callers that only need the
 * state now and then (the executor's summary, a CLI): reduceRun copies the whole node table on
 * every event, which adds up on graphs with a thousand nodes. Same rules, same result.
 */
export class RunAccumulator {
  private meta: Omit<RunState, "nodes"> = { phase: initialRunState.phase, totals: initialRunState.totals };
  private readonly nodes = new Map<NodeId, NodeRunState>();

  constructor(from: RunState = initialRunState) {
    const { nodes, ...meta } = from;
    this.meta = meta;
    for (const [id, n] of Object.entries(nodes) as [NodeId, NodeRunState][]) this.nodes.set(id, n);
  }

  apply(ev: RunEvent): void {
    const id = "nodeId" in ev ? ev.nodeId : undefined;
    const prev = id !== undefined ? this.nodes.get(id) : undefined;
    const mini: RunState = { ...this.meta, nodes: id !== undefined && prev ? { [id]: prev } : {} };
    const { nodes, ...meta } = reduceRun(mini, ev);
    this.meta = meta;
    for (const [k, n] of Object.entries(nodes) as [NodeId, NodeRunState][]) this.nodes.set(k, n);
  }

  state(): RunState {
    return { ...this.meta, nodes: Object.fromEntries(this.nodes) };
  }
}
