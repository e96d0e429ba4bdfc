import type { EndpointId, RequestId } from "../../domain/ids";
import { requestId } from "../../domain/ids";
import { InferenceError } from "../../engine/errors";
import type { InferenceClient, LogLine, QueueUpdate } from "../../engine/ports";
import type { FalModel } from "../../nodes/catalogue/fal-api";
import { clipSize, type ClipRenderer } from "./clip-renderer";
import { clipSpecFor, firstImageOf } from "./clip-spec";
import { askedSeconds } from "./demo-length";
import { requiredResultFields } from "./demo-result";
import { simulatedImages, type SimulatedImage } from "./demo-images";
import type { StillRenderer } from "./still-renderer";

export { clipSpecFor } from "./clip-spec";

/**
 * Demo mode: an in-browser InferenceClient that behaves like fal's queue (queue positions, logs,
 * a few seconds of "generation") and returns a short clip rendered locally. It never touches the
 * network, costs nothing, and every result says it is simulated.
 */
export interface DemoClientOptions {
  /** Total simulated latency per job in ms (queue + run), before the clip is rendered. */
  delayMs: number;
  /** Seconds of clip to record (recorded in real time). */
  clipSeconds?: number;
  render: ClipRenderer;
  /** Draws one simulated image (image models); without it an image model gets a clip like any other. */
  renderStill?: StillRenderer;
  /** Whether the endpoint is an image model (its result is `images[]`, not a video). */
  makesImages?: (endpoint: EndpointId) => boolean;
  /** Turns a Blob into a URL the app can fetch (object URL in browsers). */
  urlFor?: (blob: Blob) => string;
  /** Loads an image the node was given, to draw it as the first frame (optional). */
  loadImage?: (url: string) => Promise<CanvasImageSource | null>;
  /**
   * fal's description of a catalogue model (its OpenAPI document), so a result holds every field the model's
   * result schema requires; undefined for curated models (their adapters read the video alone).
   */
  describe?: (endpoint: EndpointId) => Promise<FalModel | undefined>;
}

interface DemoJob {
  id: RequestId;
  endpoint: EndpointId;
  input: Record<string, unknown>;
  submittedAt: number;
  cancelled: boolean;
  result?: DemoResult | DemoImagesResult;
  failure?: InferenceError;
}

export interface DemoResult {
  video: { url: string; content_type: string; file_name: string; file_size: number; duration: number };
  video_id: string;
  simulated: true;
  /** Other fields the model's result schema requires (`seed`, `prompt`, `timings`…). */
  [field: string]: unknown;
}

/** What a simulated image model answers: its images, as fal's image models list them. */
export interface DemoImagesResult {
  images: SimulatedImage[];
  simulated: true;
  [field: string]: unknown;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(cancelledError());
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

const cancelledError = () => new InferenceError({ code: "cancelled", message: "Cancelled." });

function doneWords(result: DemoResult | DemoImagesResult | undefined): string {
  if (!result) return "Done";
  const images = (result as Partial<DemoImagesResult>).images;
  if (images) return `Done: ${images.length} simulated image${images.length === 1 ? "" : "s"}`;
  return `Done: ${(result as DemoResult).video.file_size} bytes of simulated video`;
}

export function createDemoInferenceClient(opts: DemoClientOptions): InferenceClient & { readonly simulated: true } {
  const jobs = new Map<RequestId, DemoJob>();
  let counter = 0;
  const urlFor = opts.urlFor ?? ((b: Blob) => URL.createObjectURL(b));
  const clipSeconds = opts.clipSeconds ?? 1.5;

  const log = (message: string): LogLine => ({ message, timestamp: new Date().toISOString(), level: "INFO" });

  /** Seconds each clip made here reports, by its URL: an edit of one makes as much video as it has. */
  const made = new Map<string, number>();

  async function background(input: Readonly<Record<string, unknown>>): Promise<CanvasImageSource | null> {
    const image = firstImageOf(input);
    if (!image || !opts.loadImage || !/^(blob:|data:)/.test(image)) return null;
    return opts.loadImage(image).catch(() => null);
  }

  async function generateImages(job: DemoJob, render: StillRenderer, signal?: AbortSignal): Promise<void> {
    const [images, model] = await Promise.all([
      background(job.input).then((bg) =>
        simulatedImages({ endpoint: job.endpoint, input: job.input, jobId: job.id, render, urlFor, background: bg }),
      ),
      opts.describe?.(job.endpoint).catch(() => undefined),
    ]);
    if (signal?.aborted || job.cancelled) throw cancelledError();
    const first = images[0];
    if (!first) throw new InferenceError({ code: "internal", message: "No simulated image was drawn." });
    const fields = requiredResultFields(model, { input: job.input, seconds: 0, file: first, ...first }, "images");
    job.result = { ...fields, images, simulated: true };
  }

  async function generate(job: DemoJob, signal?: AbortSignal): Promise<void> {
    if (opts.renderStill && opts.makesImages?.(job.endpoint)) return generateImages(job, opts.renderStill, signal);
    const seconds = askedSeconds(job.input, (url) => made.get(url)) ?? clipSeconds;
    const spec = clipSpecFor(job.endpoint, job.input, clipSeconds);
    spec.background = await background(job.input);
    const [blob, model] = await Promise.all([opts.render(spec), opts.describe?.(job.endpoint).catch(() => undefined)]);
    if (signal?.aborted || job.cancelled) throw cancelledError();
    const file = {
      url: urlFor(blob),
      content_type: blob.type || "video/webm",
      file_name: `simulated-${job.id}.webm`,
      file_size: blob.size,
    };
    made.set(file.url, seconds);
    const fields = requiredResultFields(model, { input: job.input, seconds, file, ...clipSize(spec.aspect) });
    job.result = { ...fields, video: { ...file, duration: seconds }, video_id: `demo_${job.id}`, simulated: true };
  }

  return {
    simulated: true,
    async submit(endpoint, input, signal) {
      if (signal?.aborted) throw cancelledError();
      counter += 1;
      const id = requestId(`demo-${Date.now().toString(36)}-${counter}`);
      jobs.set(id, { id, endpoint, input, submittedAt: Date.now(), cancelled: false });
      return id;
    },

    async watch(_endpoint, id, onUpdate: (u: QueueUpdate) => void, signal) {
      const job = jobs.get(id);
      if (!job)
        throw new InferenceError({
          code: "not-found",
          message: `Simulated job ${id} is unknown (the page was reloaded).`,
        });
      const queueMs = opts.delayMs * 0.35;
      const runMs = opts.delayMs - queueMs;
      // Jobs submitted earlier and still waiting count as "ahead" of this one.
      const ahead = Math.min(
        3,
        [...jobs.values()].filter((j) => j !== job && !j.result && !j.cancelled && j.submittedAt <= job.submittedAt)
          .length,
      );
      for (let p = ahead; p >= 0; p--) {
        if (job.cancelled) throw cancelledError();
        onUpdate({ status: "IN_QUEUE", position: p });
        await sleep(queueMs / (ahead + 1), signal);
      }
      const steps = [
        "Simulated run: no request leaves this browser",
        "Loading simulated model",
        "Composing frames",
        "Encoding clip",
      ];
      // Each update carries only the lines that are new since the last one (as the fal adapter does).
      for (const s of steps) {
        if (job.cancelled) throw cancelledError();
        onUpdate({ status: "IN_PROGRESS", logs: [log(s)] });
        await sleep(runMs / steps.length, signal);
      }
      await generate(job, signal);
      onUpdate({
        status: "COMPLETED",
        logs: [log(doneWords(job.result))],
      });
    },

    async result(_endpoint, id) {
      const job = jobs.get(id);
      if (!job?.result) throw new InferenceError({ code: "not-found", message: `Simulated job ${id} has no result.` });
      return job.result;
    },

    async cancel(_endpoint, id) {
      const job = jobs.get(id);
      if (!job) return "not-found";
      if (job.result) return "already-completed";
      job.cancelled = true;
      return "cancelled";
    },

    async upload(blob) {
      return urlFor(blob);
    },
  };
}
