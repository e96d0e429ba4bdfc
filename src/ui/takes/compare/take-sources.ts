import { takeKeyParts, type Take } from "../../../domain/take";
import type { CachedResult } from "../../../engine/ports";
import { isImageResult, mediaFileOf } from "../../../nodes/results";
import type { ResultMedia, Services } from "../../services";
import type { TakeService } from "../take-service";
import type { CompareSources, TakeMedia } from "./CompareDialog";

/** The app's take service (absent in tests that do not need takes). */
export const takeServiceOf = (s: Services): TakeService | undefined => s.takes;

/**
 * Takes and their media for the compare dialog and the lineage panel: the take record from the take service, its
 * video (or, for a take of an image node, its own image of the batch) from the result cache: the local copy when
 * kept, else fal's URL while fal still has it.
 */
export function takeSources(takes: TakeService, media: ResultMedia): CompareSources {
  return {
    take: (ref) => takes.get(ref),
    async video(take: Take) {
      const result = await takes.result(take);
      return result ? mediaOfTake(result, take, media) : null;
    },
  };
}

async function mediaOfTake(result: CachedResult, take: Take, media: ResultMedia): Promise<TakeMedia | null> {
  const image = isImageResult(result.result);
  const index = image ? (take.image ?? takeKeyParts(take.key).image) : undefined;
  const kind = image ? ("image" as const) : ("video" as const);
  const kept = image ? !!(result.imageHashes?.[index ?? 0] ?? result.mediaHash) : !!result.mediaHash;
  const blob = kept ? await media.blobOf(result, index).catch(() => undefined) : undefined;
  if (blob) {
    const url = URL.createObjectURL(blob);
    return { url, release: () => URL.revokeObjectURL(url), kind };
  }
  const remote = mediaFileOf(result.result, index)?.url;
  return remote ? { url: remote, release: () => undefined, kind } : null;
}
