import { z } from "zod";
import { WORKFLOW_FORMAT } from "./workflow";

/**
 * The zod schema of a `reelflow/workflow` version 1 body (after the header has been
 * checked and any migrations applied; see parse.ts).
 *
 * Every object is `looseObject`: keys this version does not know are kept, so a file
 * written by a newer Reelflow or edited by hand survives open → save unchanged.
 * Checks here are about shape only. Whether ids are unique and edges point at real
 * nodes is checked in parse.ts (it needs the whole document); whether ports exist and
 * types fit is the job of src/nodes/connect.ts and the plan.
 *
 * Messages are left to zod's codes: parse.ts turns each issue into plain words and
 * names the node or edge it belongs to.
 */

/** An image or video source: an http(s) URL or an inline `data:` URL. */
export const MEDIA_URL = /^(https?:\/\/\S+|data:[^,]*,.*)$/s;
export const MEDIA_URL_MESSAGE = "must be an http(s) URL or a data: URL";

const mediaUrl = z.string().regex(MEDIA_URL, { message: MEDIA_URL_MESSAGE });

export const positionSchema = z.looseObject({ x: z.number(), y: z.number() });

export const PARAM_VALUE_MESSAGE = "must be text, a number or true/false";
export const paramValueSchema = z.union([z.string(), z.number(), z.boolean()], { message: PARAM_VALUE_MESSAGE });
export const paramsSchema = z.record(z.string(), paramValueSchema);

const promptData = z.looseObject({ text: z.string().default("") });
/** Image and video sources may be empty while a person is still choosing a file; the plan refuses them then. */
const mediaData = z.looseObject({ url: mediaUrl.optional(), asset: z.string().min(1).optional() });
const takeChoice = z.looseObject({ key: z.string().min(1), variant: z.string().optional() });
const generationData = z.looseObject({
  endpoint: z.string().min(1).optional(),
  params: paramsSchema.optional(),
  take: takeChoice.optional(),
  pinned: z.boolean().optional(),
});

const nodeOf = <K extends string, D extends z.ZodType>(type: K, data: D) =>
  z.looseObject({
    id: z.string().min(1),
    type: z.literal(type),
    // Hand-written files for the CLI need not place nodes on a canvas.
    position: positionSchema.default({ x: 0, y: 0 }),
    data,
  });

export const nodeSchema = z.discriminatedUnion("type", [
  nodeOf("prompt", promptData.default({ text: "" })),
  nodeOf("image", mediaData.default({})),
  nodeOf("video", mediaData.default({})),
  nodeOf("text-to-video", generationData.default({})),
  nodeOf("image-to-video", generationData.default({})),
  nodeOf("remix", generationData.default({})),
]);

export const edgeSchema = z.looseObject({
  id: z.string().min(1),
  source: z.string().min(1),
  sourceHandle: z.string().min(1),
  target: z.string().min(1),
  targetHandle: z.string().min(1),
});

export const workflowV1Schema = z.looseObject({
  format: z.literal(WORKFLOW_FORMAT),
  version: z.literal(1),
  name: z.string().default("Untitled workflow"),
  nodes: z.array(nodeSchema),
  edges: z.array(edgeSchema).default([]),
});
