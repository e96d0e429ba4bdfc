import type { Take } from "../../../domain/take";
import type { ResultMedia, Services } from "../../services";
import type { TakeService } from "../take-service";
import { mediaFileOf } from "../../../nodes/results";
import type { CompareSources } from "./CompareDialog";

/** The app's take service (absent in tests that do not need takes). */
export const takeServiceOf = (s: Services): TakeService | undefined => s.takes;

/**
 * Takes and their videos for the compare dialog and the lineage panel: the take record from the
 * take service, the video from the result cache (the local copy when kept, else fal's URL while
 * fal still has it).
 */
export function takeSources(takes: TakeService, media: ResultMedia): CompareSources {
  return {
    take: (ref) => takes.get(ref),
    async video(take: Take) {
      const result = await takes.result(take);
      if (!result) return null;
      const blob = result.mediaHash ? await media.blobOf(result).catch(() => undefined) : undefined;
      if (blob) {
        const url = URL.createObjectURL(blob);
        return { url, release: () => URL.revokeObjectURL(url) };
      }
      const remote = mediaFileOf(result.result)?.url;
      return remote ? { url: remote, release: () => undefined } : null;
    },
  };
}
