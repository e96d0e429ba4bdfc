// One text-to-video node, rendered as a person sees it on the canvas: for the tests of what a node shows and offers.
import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { endpointId, nodeId } from "../../../src/domain/ids";
import type { Params, Workflow } from "../../../src/domain/workflow";
import { NodeView } from "../../../src/ui/node/NodeView";
import { buildServices, Wrap } from "../harness";

export const T2V = "t2v-1";

/** A workflow of the one text-to-video node T2V, on `endpoint` with `params`. */
export const oneNodeDoc = (endpoint: string, params: Params = {}, name = "test"): Workflow => ({
  format: "reelflow/workflow",
  version: 1,
  name,
  nodes: [
    {
      id: nodeId(T2V),
      type: "text-to-video",
      position: { x: 0, y: 0 },
      data: { endpoint: endpointId(endpoint), params },
    },
  ],
  edges: [],
});

/** Renders node T2V of `w` on the harness services, beside `extra` (e.g. the model picker it opens). */
export function renderNode(w: Workflow, extra?: ReactNode) {
  const services = buildServices({ doc: w });
  const utils = render(
    <Wrap services={services}>
      <NodeView id={T2V} />
      {extra}
    </Wrap>,
  );
  const root = utils.container.querySelector(`[data-node-id="${T2V}"]`) as HTMLElement;
  return { services, root };
}
