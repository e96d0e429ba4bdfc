import type { ContentHash } from "../../domain/ids";
import type { Workflow, WorkflowNode } from "../../domain/workflow";

/**
 * A link cannot point at a file kept in this browser. A small one (an icon, a thumbnail) can travel
 * inside the link as a `data:` URL instead. The cache key of a `data:` URL source is the hash of its
 * bytes, the same as the asset's, so results already made from it still match after the swap.
 */
export interface InlineOutcome {
  workflow: Workflow;
  /** Nodes left as they were: file not stored here, or bigger than `maxBytes`. */
  notInlined: { nodeId: string; reason: string }[];
}

/** 4 kB of bytes is ~5.5 kB of base64, which still leaves room in an 8 kB link for the graph. */
export const INLINE_MAX_BYTES = 4_000;

export async function inlineLocalFiles(
  workflow: Workflow,
  getBlob: (hash: ContentHash) => Promise<Blob | undefined>,
  opts: { maxBytes?: number } = {},
): Promise<InlineOutcome> {
  const maxBytes = opts.maxBytes ?? INLINE_MAX_BYTES;
  const notInlined: InlineOutcome["notInlined"] = [];
  const nodes: WorkflowNode[] = [];
  for (const n of workflow.nodes) {
    if ((n.type !== "image" && n.type !== "video") || typeof n.data.asset !== "string" || n.data.asset === "") {
      nodes.push(n);
      continue;
    }
    const blob = await getBlob(n.data.asset as ContentHash);
    if (!blob) {
      notInlined.push({ nodeId: n.id, reason: "its file is not stored in this browser" });
      nodes.push(n);
    } else if (blob.size > maxBytes) {
      notInlined.push({ nodeId: n.id, reason: `its file is ${Math.ceil(blob.size / 1000)} kB, too big for a link` });
      nodes.push(n);
    } else {
      const { asset: _asset, ...data } = n.data;
      nodes.push({ ...n, data: { ...data, url: await dataUrlOf(blob) } });
    }
  }
  return { workflow: { ...workflow, nodes }, notInlined };
}

async function dataUrlOf(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let bin = "";
  const CHUNK = 0x8000; // String.fromCharCode takes its arguments on the stack
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return `data:${blob.type || "application/octet-stream"};base64,${btoa(bin)}`;
}
