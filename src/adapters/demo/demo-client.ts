import type { EndpointId, RequestId } from "../../domain/ids";
import { requestId } from "../../domain/ids";
import { InferenceError } from "../../engine/errors";
import type { InferenceClient, LogLine, QueueUpdate } from "../../engine/ports";
import type { FalModel } from "../../nodes/catalogue/fal-api";
import { clipSize, type ClipRenderer } from "./clip-renderer";
import { clipSpecFor, firstImageOf } from "./clip-spec";
import { askedSeconds } from "./demo-length";
import { requiredResultFields } from "./demo-result";

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
  result?: DemoResult;
  failure?: InferenceError;
}

export interface DemoResult {
  video: { url: string; content_type: string; file_name: string; file_size: number; duration: number };
  video_id: string;
  simulated: true;
  /** Other fields the model's result schema requires (`seed`, `prompt`, `timings`…). */
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

export function createDemoInferenceClient(opts: DemoClientOptions): InferenceClient & { readonly simulated: true } {
  const jobs = new Map<RequestId, DemoJob>();
  let counter = 0;
  const urlFor = opts.urlFor ?? ((b: Blob) => URL.createObjectURL(b));
  const clipSeconds = opts.clipSeconds ?? 1.5;

  const log = (message: string): LogLine => ({ message, timestamp: new Date().toISOString(), level: "INFO" });

  /** Seconds each clip made here reports, by its URL: an edit of one makes as much video as it has. */
  const made = new Map<string, number>();

  async function generate(job: DemoJob, signal?: AbortSignal): Promise<void> {
    const seconds = askedSeconds(job.input, (url) => made.get(url)) ?? clipSeconds;
    const spec = clipSpecFor(job.endpoint, job.input, clipSeconds);
    const image = firstImageOf(job.input);
    if (image && opts.loadImage && /^(blob:|data:)/.test(image)) {
      spec.background = await opts.loadImage(image).catch(() => null);
    }
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
        logs: [log(`Done: ${job.result?.video.file_size ?? 0} bytes of simulated video`)],
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
