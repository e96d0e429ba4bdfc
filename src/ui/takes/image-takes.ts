import { imageTakeKey, type Take } from "../../domain/take";
import type { CachedResult } from "../../engine/ports";
import { isImageResult } from "../../nodes/results";

/**
 * The takes a result is: one for a video; one per image for an image model's result, each keyed by its image
 * (`imageTakeKey` of the result's key) and saying which image it is, the rest (request, inputs) shared and the
 * job's cost split evenly over its images, so adding takes up never counts a batch twice. `take` is the result's
 * take as the engine makes it (src/engine/takes.ts), keyed by the result; one that already names its image is
 * filed as it is.
 */
export function takesOfResult(take: Take, result: CachedResult | undefined): Take[] {
  if (!result || !isImageResult(result.result) || take.image !== undefined) return [take];
  const count = Math.max(1, result.result.images.length);
  const costUsd = take.costUsd === null ? null : take.costUsd / count;
  return Array.from({ length: count }, (_, image) => ({
    ...take,
    key: imageTakeKey(take.key, image),
    image,
    costUsd,
  }));
}
