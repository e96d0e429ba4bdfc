// Zoomed out, the canvas hands React Flow each node's size and handle places from its kind (src/ui/node/compact-size.ts)
// instead of letting it measure every node of a big graph first. Those figures must be what the browser lays out:
// a wrong size shows a node at the wrong size until its next resize, a wrong handle draws its edges off the port.
import { NODE_KINDS, type NodeKind } from "../../src/domain/workflow";
import { compactNodeHandles, compactNodeSize } from "../../src/ui/node/compact-size";
import { closeExamples, expect, openInDemo, openWorkflow, test } from "./fixtures";

const DATA: Record<NodeKind, object> = {
  prompt: { text: "A paper boat on a rainy street, seen from above" },
  image: { url: "https://example.com/boat.png" },
  video: { url: "https://example.com/boat.mp4" },
  "text-to-video": { endpoint: "fal-ai/sora-2/text-to-video", params: { duration: 4 } },
  "image-to-video": { endpoint: "fal-ai/sora-2/image-to-video", params: { duration: 4 } },
  remix: { endpoint: "fal-ai/sora-2/video-to-video/remix", params: {} },
  "text-to-image": { endpoint: "fal-ai/flux/dev", params: {} },
  "image-edit": { endpoint: "fal-ai/nano-banana/edit", params: {} },
};

// One node of each kind, far apart: fitted to 1280 px, the view is zoomed out to compact nodes.
const workflow = {
  format: "reelflow/workflow",
  version: 1,
  name: "Compact geometry",
  nodes: NODE_KINDS.map((kind, i) => ({
    id: `n-${kind}`,
    type: kind,
    position: { x: i * 3000, y: (i % 2) * 1500 },
    data: DATA[kind],
  })),
  edges: [
    { id: "e1", source: "n-prompt", sourceHandle: "text", target: "n-text-to-video", targetHandle: "prompt" },
    { id: "e2", source: "n-image", sourceHandle: "image", target: "n-image-to-video", targetHandle: "image" },
    { id: "e3", source: "n-text-to-video", sourceHandle: "video", target: "n-remix", targetHandle: "video" },
  ],
};

test("zoomed out, every kind's compact node has the size and handle places the canvas gave React Flow", async ({
  page,
}) => {
  await openInDemo(page);
  await closeExamples(page);
  await openWorkflow(page, workflow);
  await expect(page.locator(".rf-node.compact")).toHaveCount(NODE_KINDS.length);
  await expect(page.locator(".react-flow__edge")).toHaveCount(workflow.edges.length);

  for (const kind of NODE_KINDS) {
    const laidOut = await page.locator(`.react-flow__node[data-id="n-${kind}"]`).evaluate((el: HTMLElement) => {
      const box = el.getBoundingClientRect();
      const zoom = box.width / el.offsetWidth;
      return {
        width: el.offsetWidth,
        height: el.offsetHeight,
        handles: [...el.querySelectorAll<HTMLElement>(".react-flow__handle")].map((h) => {
          const r = h.getBoundingClientRect();
          return {
            id: h.dataset.handleid,
            type: h.classList.contains("source") ? "source" : "target",
            x: (r.left - box.left) / zoom,
            y: (r.top - box.top) / zoom,
            width: h.offsetWidth,
            height: h.offsetHeight,
          };
        }),
      };
    });
    expect({ kind, width: laidOut.width, height: laidOut.height }).toEqual({ kind, ...compactNodeSize(kind) });
    const declared = compactNodeHandles(kind);
    expect(laidOut.handles.map((h) => `${h.type}:${h.id}`).sort(), kind).toEqual(
      declared.map((h) => `${h.type}:${h.id}`).sort(),
    );
    for (const h of laidOut.handles) {
      // A remix node's input and output are both called "video".
      const d = declared.find((x) => x.id === h.id && x.type === h.type)!;
      // Within a pixel: at zoom 0.1 the browser's sub-pixel rounding of a rectangle grows tenfold back at zoom 1.
      expect(Math.abs(h.x - d.x), `${kind} ${h.type} ${h.id} x`).toBeLessThanOrEqual(1);
      expect(Math.abs(h.y - d.y), `${kind} ${h.type} ${h.id} y`).toBeLessThanOrEqual(1);
      expect({ w: h.width, h: h.height }, `${kind} ${h.type} ${h.id} size`).toEqual({ w: d.width, h: d.height });
    }
  }
});
