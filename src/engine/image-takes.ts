import { imageTakeKey, type Take } from "../domain/take";
import { isImageResult } from "../nodes/results";
import type { CachedResult } from "./ports";

/**
 * The takes a result-level take is: itself for a video; one per image of an image model's result, each keyed by
 * its image (`imageTakeKey`) and saying which image it is, the job's cost split evenly over the batch so adding
 * takes up never counts it twice. A take that already names its image is filed as it is. Its own file so the take
 * service files a batch without pulling takes.ts (lineage) into the first-load script.
 */
export function takesOfImages(take: Take, result: Pick<CachedResult, "result"> | undefined): Take[] {
  if (!result || !isImageResult(result.result) || take.image !== undefined) return [take];
  const count = Math.max(1, result.result.images.length);
  const costUsd = take.costUsd === null ? null : take.costUsd / count;
  return Array.from({ length: count }, (_, image) => ({ ...take, key: imageTakeKey(take.key, image), image, costUsd }));
}
