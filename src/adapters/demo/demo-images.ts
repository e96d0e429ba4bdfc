import type { EndpointId } from "../../domain/ids";
import { clipSpecFor } from "./clip-spec";
import type { StillRenderer, StillSpec } from "./still-renderer";
import { stillSize } from "./still-renderer";

/**
 * A simulated answer of an image model: one still per image the request asks for (fal's `num_images`, 1 when it
 * does not say), drawn locally, returned as fal's image models return them (`images[]`, each a file with its size).
 */

/** fal's image models take at most a handful per request; a typo of 400 must not draw 400 stills. */
const MOST_IMAGES = 8;

export interface SimulatedImage {
  url: string;
  content_type: string;
  file_name: string;
  file_size: number;
  width: number;
  height: number;
}

export interface StillsRequest {
  endpoint: EndpointId;
  input: Readonly<Record<string, unknown>>;
  /** Names the files (`simulated-<job>-<n>.png`). */
  jobId: string;
  render: StillRenderer;
  urlFor(blob: Blob): string;
  /** The first image the request names, decoded, drawn behind each still (an edit's source). */
  background?: CanvasImageSource | null;
}

/** How many images the request asks for. */
export function askedImages(input: Readonly<Record<string, unknown>>): number {
  const n = input.num_images;
  return typeof n === "number" && Number.isInteger(n) && n > 0 ? Math.min(n, MOST_IMAGES) : 1;
}

export async function simulatedImages(req: StillsRequest): Promise<SimulatedImage[]> {
  const count = askedImages(req.input);
  const base = stillSpecBase(req);
  const size = stillSize(base.aspect);
  const images: SimulatedImage[] = [];
  for (let index = 1; index <= count; index++) {
    const blob = await req.render({ ...base, index, count });
    const type = blob.type || "image/png";
    images.push({
      url: req.urlFor(blob),
      content_type: type,
      file_name: `simulated-${req.jobId}-${index}.${type === "image/jpeg" ? "jpg" : "png"}`,
      file_size: blob.size,
      ...size,
    });
  }
  return images;
}

function stillSpecBase(req: StillsRequest): Omit<StillSpec, "index" | "count"> {
  const { seconds: _seconds, ...clip } = clipSpecFor(req.endpoint, req.input, 0);
  // The count is drawn as "image 2 of 4", not as a param line.
  const details = clip.details.filter((d) => !d.startsWith("num_images:"));
  return { ...clip, details, background: req.background ?? null };
}
