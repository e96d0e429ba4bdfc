import type { NodeId } from "../domain/ids";
import type { InputHandle } from "../nodes/ports";

/**
 * What feeds a planned generation node: input handle → the nodes feeding it, in the order of
 * `workflow.edges`. One node per handle, except on a port that takes several (`multiple`, e.g. `images`).
 * Handles are those of src/nodes/ports.ts (`end_image`, not `endImage`); the executor maps them onto
 * PortValues. Kept apart from plan.ts so the executor and takes read it without the planner.
 */
export type Upstream = Readonly<Partial<Record<InputHandle, readonly NodeId[]>>>;

/** Every (handle, upstream node) pair, in edge order within a handle. */
export const upstreamPairs = (upstream: Upstream): [InputHandle, NodeId][] =>
  (Object.entries(upstream) as [InputHandle, readonly NodeId[]][]).flatMap(([handle, ids]) =>
    ids.map((id): [InputHandle, NodeId] => [handle, id]),
  );
