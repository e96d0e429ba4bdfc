import { sora2Schemas } from "./sora2";
import { veo31Schemas } from "./veo31";
import { klingO3Schemas } from "./kling-o3";
import { seedance2Schemas } from "./seedance2";
import { nanoBananaSchemas } from "./nano-banana";
import type { EndpointSchema } from "./types";

export type { EndpointSchema, FalFieldError, FieldRule } from "./types";
export { validateBody, describeChoices, fieldValue } from "./types";

/** Every endpoint the fake fal knows; anything else is a 404, as for a retired model. */
export const endpointSchemas: Record<string, EndpointSchema> = Object.fromEntries(
  [...sora2Schemas, ...veo31Schemas, ...klingO3Schemas, ...seedance2Schemas, ...nanoBananaSchemas].map((s) => [
    s.endpoint,
    s,
  ]),
);
