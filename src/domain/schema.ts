import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";
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
 *
 * Written with `zod/mini` (same checks and issue codes as classic zod, but tree-shakeable):
 * the parser runs at start-up to open the last workflow, so its size counts in the first load.
 */

/** An image or video source: an http(s) URL or an inline `data:` URL. */
export const MEDIA_URL = /^(https?:\/\/\S+|data:[^,]*,.*)$/s;
export const MEDIA_URL_MESSAGE = "must be an http(s) URL or a data: URL";

// zod/mini ships no messages; the English ones classic zod registers keep the words parse.ts
// passes through (e.g. a list where an id should be: "Too small: expected array to have >=1 items").
z.config(en());

const mediaUrl = z.string().check(z.regex(MEDIA_URL, { message: MEDIA_URL_MESSAGE }));
const nonEmpty = () => z.string().check(z.minLength(1));

export const positionSchema = z.looseObject({ x: z.number(), y: z.number() });

export const PARAM_VALUE_MESSAGE = "must be text, a number or true/false";
export const paramValueSchema = z.union([z.string(), z.number(), z.boolean()], { message: PARAM_VALUE_MESSAGE });
export const paramsSchema = z.record(z.string(), paramValueSchema);

const promptData = z.looseObject({ text: z._default(z.string(), "") });
/** Image and video sources may be empty while a person is still choosing a file; the plan refuses them then. */
const mediaData = z.looseObject({ url: z.optional(mediaUrl), asset: z.optional(nonEmpty()) });
const takeChoice = z.looseObject({
  key: nonEmpty(),
  variant: z.optional(z.string()),
  // Image nodes: the index of the chosen image in the result's images.
  image: z.optional(z.int().check(z.gte(0))),
});
const generationData = z.looseObject({
  endpoint: z.optional(nonEmpty()),
  params: z.optional(paramsSchema),
  take: z.optional(takeChoice),
  pinned: z.optional(z.boolean()),
});

const nodeOf = <K extends string, D extends z.ZodMiniType>(type: K, data: D) =>
  z.looseObject({
    id: nonEmpty(),
    type: z.literal(type),
    // Hand-written files for the CLI need not place nodes on a canvas.
    position: z._default(positionSchema, { x: 0, y: 0 }),
    data,
  });

export const nodeSchema = z.discriminatedUnion("type", [
  nodeOf("prompt", z._default(promptData, { text: "" })),
  nodeOf("image", z._default(mediaData, {})),
  nodeOf("video", z._default(mediaData, {})),
  nodeOf("text-to-video", z._default(generationData, {})),
  nodeOf("image-to-video", z._default(generationData, {})),
  nodeOf("remix", z._default(generationData, {})),
  // Added in version 1 without a migration: new kinds change the meaning of no existing file (see migrations.ts).
  nodeOf("text-to-image", z._default(generationData, {})),
  nodeOf("image-edit", z._default(generationData, {})),
]);

export const edgeSchema = z.looseObject({
  id: nonEmpty(),
  source: nonEmpty(),
  sourceHandle: nonEmpty(),
  target: nonEmpty(),
  targetHandle: nonEmpty(),
});

export const workflowV1Schema = z.looseObject({
  format: z.literal(WORKFLOW_FORMAT),
  version: z.literal(1),
  name: z._default(z.string(), "Untitled workflow"),
  nodes: z.array(nodeSchema),
  edges: z._default(z.array(edgeSchema), []),
});
