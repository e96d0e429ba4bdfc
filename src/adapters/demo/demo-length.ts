import { isLengthField } from "../../nodes/catalogue/price";
import { secondsOf } from "../../nodes/models/model-kit";
import type { ParamValue } from "../../nodes/types";

/**
 * How long the video a request asks for is, read from the request alone, so a simulated clip reports the length
 * the real model would make (and the node, the take and the next node's price see it). fal's models write it in
 * several forms: a length field (`duration`, `seconds`…) as 8, "8" or "8s", the same names the price is worked
 * out from; a frame count and a frame rate (Wan, LTX: `num_frames` 81 at `frames_per_second` 16); or nothing, for
 * an edit that follows its source. A field left to fal's default is in the request already: the node's params
 * send their defaults.
 */

const FRAME_RATE = /^(frames_per_second|fps|frame_rate|export_fps|output_fps)$/;

/** `sourceSeconds`: the length of a video the request names, when the demo made it. */
export function askedSeconds(
  input: Readonly<Record<string, unknown>>,
  sourceSeconds: (url: string) => number | undefined,
): number | null {
  return fromLengthField(input) ?? fromFrames(input) ?? fromSource(input, sourceSeconds);
}

function fromLengthField(input: Readonly<Record<string, unknown>>): number | null {
  for (const [name, value] of Object.entries(input)) {
    if (!isLengthField(name)) continue;
    const seconds = secondsOf(value as ParamValue);
    // "auto", 0 or "0": the model decides; what it would choose is not known here.
    if (seconds !== null && seconds > 0) return seconds;
  }
  return null;
}

/** Frames ÷ rate; one frame is not a clip (frame interpolators count the frames they add, not the video's). */
function fromFrames(input: Readonly<Record<string, unknown>>): number | null {
  const frames = input.num_frames;
  const rate = Object.entries(input).find(([name]) => FRAME_RATE.test(name))?.[1];
  if (typeof frames !== "number" || typeof rate !== "number" || !(frames > 1) || !(rate > 0)) return null;
  return Math.round((frames / rate) * 1000) / 1000;
}

/** An edit with no length of its own makes as much video as its source: known when the demo made that source. */
function fromSource(
  input: Readonly<Record<string, unknown>>,
  sourceSeconds: (url: string) => number | undefined,
): number | null {
  for (const [name, value] of Object.entries(input)) {
    if (!/(^|_)video_url$/.test(name) || typeof value !== "string") continue;
    const seconds = sourceSeconds(value);
    if (seconds !== undefined) return seconds;
  }
  return null;
}
