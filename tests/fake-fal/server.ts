import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultCatalogue, type FakeCatalogueEntry } from "./catalogue/index";
import { listModels, listPrices, platformError, type PlatformAnswer } from "./catalogue/platform-api";
import { resultFromOutput } from "./catalogue/result";
import { outputSchemaOf } from "./catalogue/validate";
import { isCancelled, jobLogs, jobState, maxConcurrentJobs, queuePosition, type FakeJob } from "./jobs";
import { endpointSchemas, type FalFieldError } from "./schemas/index";
import { documentTarget, schemaTarget, type SubmitTarget } from "./submit-target";

/**
 * A fake fal that the real `@fal-ai/client` cannot tell from fal behind a proxy.
 *
 * It is both halves at once: requests arrive at its own URL carrying `x-fal-target-url`
 * (what `@fal-ai/server-proxy` receives) and are answered as fal would answer that target:
 * queue submit/status/stream/result/cancel on queue.fal.run, storage upload initiate on
 * rest.fal.ai, and the Model and Pricing APIs on api.fal.ai (./catalogue). Uploaded files,
 * the upload PUT and generated videos are served directly, as fal's CDN would. Faults (429/5xx, dropped sockets, lost submit responses, moderation) are
 * switched on with `set`, and every call is logged so tests can assert what was sent.
 */

export type CallKind =
  | "submit"
  | "status"
  | "stream"
  | "result"
  | "cancel"
  | "upload"
  | "upload-put"
  | "media"
  | "file"
  /** fal's Model API, GET api.fal.ai/v1/models */
  | "models"
  /** fal's Pricing API, GET api.fal.ai/v1/models/pricing */
  | "pricing";

export interface LoggedRequest {
  kind: CallKind | "preflight" | "refused" | "control";
  method: string;
  /** Path and query on the fake itself. */
  path: string;
  /** The fal URL the client meant (`x-fal-target-url`), null for direct calls. */
  target: string | null;
  /** Full endpoint id for submits; `owner/alias` for status/result/cancel/stream. */
  endpoint: string | null;
  requestId: string | null;
  body: unknown;
  /** Response status, or "dropped" when the socket was destroyed. 0 while streaming. */
  status: number | "dropped";
  at: number;
  headers: Record<string, string>;
  /** Submit body fields the endpoint does not declare (fal ignores them). */
  ignoredFields?: string[];
}

/** One injected failure: an HTTP error (with optional Retry-After) or a destroyed socket. */
export interface Fault {
  status?: number;
  retryAfterSec?: number;
  body?: unknown;
  /** Destroy the socket instead of answering (a network drop). */
  drop?: boolean;
}
export interface FaultPlan extends Fault {
  /** How many of the next calls of this kind fail. */
  times: number;
}

export interface FakeFalSwitches {
  /** Latency of jobs submitted from now on. */
  queueMs: number;
  runMs: number;
  /** Queue position a new job starts at (it counts down to 0 while queued). */
  queuePositionStart: number;
  /** How often the SSE status stream checks for news. */
  streamIntervalMs: number;
  /** Act as a proxy without a valid fal key: every proxied call gets fal's 401. */
  noKey: boolean;
  /** Answer every submit with this status (422 by default body: a field error on `prompt`). */
  rejectSubmit: null | { status: number; body?: unknown };
  /** The SSE status stream refuses to connect with 503. */
  streamConnect503: boolean;
  /** The SSE status stream connects and then says nothing (a half-open connection). */
  streamSilent: boolean;
  /**
   * How the fake answers the proxy check (GET without x-fal-target-url): as Reelflow's proxy with these values
   * (default: a key, no capabilities), "plain" as @fal-ai/server-proxy does (400 "Invalid request"), or "absent" as
   * a static host with no proxy there (404 page). Only the check changes: calls with a target are answered as ever,
   * so a test sees in `requests` anything the app sent after a check said "no proxy".
   * `noKey` stands for a key fal refuses, which a proxy cannot tell: it leaves this answer alone.
   */
  proxyCheck: { falKey: boolean; capabilities: string[] } | "plain" | "absent";
  /** Latency per endpoint, over `queueMs`/`runMs`, for jobs submitted from now on. */
  latencyFor: Record<string, { queueMs?: number; runMs?: number }>;
  /** Jobs submitted from now on complete, then their result fails with a content-policy error. */
  moderation: false | 422 | 500;
  /** The next N submits reach fal (the job exists and runs) but the response is lost (socket destroyed). */
  loseSubmitResponse: number;
  /**
   * The next N jobs submitted complete, and their result is a 200 Reelflow cannot read: `{videos: [File], seed}`
   * (a list where fal's video models give one `video`).
   */
  badResultNext: number;
  /** Fail the next calls of a kind. */
  failNext: Partial<Record<CallKind, FaultPlan>>;
  /** fal's Model and Pricing APIs are down: true answers 503, "drop" destroys the socket. */
  catalogueDown: boolean | "drop";
  /** The Pricing API answers this status with fal's error (e.g. 403: the key may not read prices); null: prices. */
  pricingStatus: number | null;
  /** Per-job latency from the submit (benchmarks give each job its own); undefined: queueMs/runMs. */
  latencyOf?: (endpoint: string, body: Record<string, unknown>) => { queueMs: number; runMs: number } | undefined;
}

export interface StartFakeFalOptions {
  port?: number;
  host?: string;
  /** Base URL put into media/file URLs, when the fake is reached under another name. */
  publicUrl?: string;
  switches?: Partial<FakeFalSwitches>;
}

export interface FakeFal {
  /** Use it as the proxy URL. */
  readonly url: string;
  readonly requests: LoggedRequest[];
  /** Proxy checks (GET / without a target), kept apart: they ask nothing of fal. */
  readonly checks: LoggedRequest[];
  readonly jobs: FakeJob[];
  readonly switches: FakeFalSwitches;
  set(patch: Partial<FakeFalSwitches>): void;
  /** Forget jobs, requests, uploads and switches. */
  reset(): void;
  /** Complete a job now (it skips whatever queue/run time it had left). */
  finish(requestId: string): void;
  /** Take a queued job out of the queue: it runs from now for `runMs` (default: what it had). */
  startNow(requestId: string, runMs?: number): void;
  /** Pretend Sora made this video earlier (remixable unless `deleted`). */
  seedVideo(videoId: string, opts?: { deleted?: boolean; durationSec?: number }): void;
  /**
   * Lists a model (replacing one with the same id) in the Model API, its price in the Pricing API, and accepts
   * submits validated against its document (build one with `catalogueEntry` of ./catalogue).
   */
  addModel(entry: FakeCatalogueEntry): void;
  /** The models the Model API knows now. */
  catalogue(): FakeCatalogueEntry[];
  requestsOf(kind: LoggedRequest["kind"]): LoggedRequest[];
  /** Submits that created a job, per endpoint when given. */
  submittedCount(endpoint?: string): number;
  /** Most jobs at fal at the same moment. */
  maxConcurrent(): number;
  close(): Promise<void>;
}

const DEFAULT_SWITCHES: FakeFalSwitches = {
  queueMs: 150,
  runMs: 300,
  queuePositionStart: 2,
  streamIntervalMs: 25,
  noKey: false,
  proxyCheck: { falKey: true, capabilities: [] },
  rejectSubmit: null,
  streamConnect503: false,
  streamSilent: false,
  latencyFor: {},
  moderation: false,
  loseSubmitResponse: 0,
  badResultNext: 0,
  failNext: {},
  catalogueDown: false,
  pricingStatus: null,
};

const TINY_MP4 = readFileSync(new URL("../fixtures/media/tiny.mp4", import.meta.url));
/** Every image the fake makes is these bytes (a real PNG, so a browser can draw it). */
const TINY_PNG = readFileSync(new URL("../fixtures/media/tiny.png", import.meta.url));

const QUEUE_HOST = "queue.fal.run";
const REST_HOST = "rest.fal.ai";
const API_HOST = "api.fal.ai";

interface StoredFile {
  bytes: Buffer;
  contentType: string;
  name: string;
}
interface SeededVideo {
  deleted: boolean;
  durationSec: number;
}

export async function startFakeFal(opts: StartFakeFalOptions = {}): Promise<FakeFal> {
  const requests: LoggedRequest[] = [];
  const checks: LoggedRequest[] = [];
  const jobs: FakeJob[] = [];
  const jobsById = new Map<string, FakeJob>();
  const uploads = new Map<string, { contentType: string; name: string; file?: StoredFile }>();
  const seededVideos = new Map<string, SeededVideo>();
  /** Jobs whose result is unreadable (`badResultNext`). */
  const unreadable = new Set<string>();
  const streams = new Set<NodeJS.Timeout>();
  const catalogue = new Map<string, FakeCatalogueEntry>(defaultCatalogue.map((e) => [e.model.endpoint_id, e]));
  let switches: FakeFalSwitches = { ...DEFAULT_SWITCHES, ...opts.switches, failNext: { ...opts.switches?.failNext } };
  let videoCounter = 0;
  let baseUrl = "";

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) json(res, 500, { detail: `fake fal crashed: ${String(err)}` });
      else res.destroy();
    });
  });

  function cors(req: IncomingMessage, res: ServerResponse) {
    res.setHeader("Access-Control-Allow-Origin", req.headers.origin ?? "*");
    res.setHeader("Vary", "Origin");
    res.setHeader(
      "Access-Control-Expose-Headers",
      "x-fal-request-id, retry-after, content-length, content-range, accept-ranges",
    );
  }
  function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  }
  function text(res: ServerResponse, status: number, body: string) {
    res.writeHead(status, { "Content-Type": "text/plain", "Content-Length": Buffer.byteLength(body) });
    res.end(body);
  }

  function takeFault(kind: CallKind): Fault | null {
    if (kind === "stream" && switches.streamConnect503) return { status: 503 };
    const plan = switches.failNext[kind];
    if (!plan || plan.times <= 0) return null;
    plan.times -= 1;
    return plan;
  }
  /** Answers the fault; returns false when there was none. */
  function applyFault(kind: CallKind, res: ServerResponse, entry: LoggedRequest): boolean {
    const fault = takeFault(kind);
    if (!fault) return false;
    if (fault.drop) {
      entry.status = "dropped";
      res.socket?.destroy();
      return true;
    }
    const status = fault.status ?? 500;
    entry.status = status;
    const headers: Record<string, string> = {};
    if (fault.retryAfterSec !== undefined) headers["Retry-After"] = String(fault.retryAfterSec);
    json(
      res,
      status,
      fault.body ?? { detail: status === 429 ? "Too many requests" : `Upstream error (${status})` },
      headers,
    );
    return true;
  }

  async function readBody(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  function queueUrls(job: FakeJob) {
    const base = `https://${QUEUE_HOST}/${job.app}/requests/${job.requestId}`;
    return {
      request_id: job.requestId,
      response_url: base,
      status_url: `${base}/status`,
      cancel_url: `${base}/cancel`,
    };
  }

  function statusBody(job: FakeJob, now: number, withLogs: boolean): Record<string, unknown> {
    const state = jobState(job, now);
    const base = { status: state, ...queueUrls(job) };
    switch (state) {
      case "IN_QUEUE":
        return { ...base, queue_position: queuePosition(job, now) };
      case "IN_PROGRESS":
        return { ...base, logs: withLogs ? jobLogs(job, now) : null };
      case "COMPLETED":
        return {
          ...base,
          logs: withLogs ? jobLogs(job, now) : null,
          metrics: isCancelled(job) ? {} : { inference_time: (job.completesAt - job.startsAt) / 1000 },
        };
      default: {
        const _: never = state;
        return _;
      }
    }
  }

  /** A video Sora made earlier: a completed successful job's, or a seeded one. */
  function findVideo(videoId: string, now: number): SeededVideo | undefined {
    const seeded = seededVideos.get(videoId);
    if (seeded) return seeded;
    const job = jobs.find((j) => j.videoId === videoId);
    if (
      !job ||
      job.output !== "sora-video" ||
      isCancelled(job) ||
      job.outcome.kind !== "success" ||
      jobState(job, now) !== "COMPLETED"
    )
      return undefined;
    return { deleted: job.deleteVideo, durationSec: job.durationSec };
  }

  function mediaUrl(videoId: string) {
    return `${baseUrl}/media/${videoId}.mp4`;
  }

  function resultBody(job: FakeJob): Record<string, unknown> {
    const video = {
      url: mediaUrl(job.videoId),
      content_type: "video/mp4",
      file_name: `${job.videoId}.mp4`,
      file_size: TINY_MP4.length,
    };
    switch (job.output) {
      case "sora-video":
        return {
          video: { ...video, width: null, height: null, duration: job.durationSec, fps: null, num_frames: null },
          video_id: job.videoId,
          thumbnail: null,
          spritesheet: null,
        };
      case "video":
        return { video };
      case "video-with-seed":
        return { seed: typeof job.input.seed === "number" ? job.input.seed : 42, video };
      case "images":
        return { images: resultImages(job), description: "" };
      case "openapi":
        return documentResult(job) ?? { video };
      default: {
        const _: never = job.output;
        return _;
      }
    }
  }

  /** An image model's images: one per `num_images` (default 1), each its own URL, served as a PNG. */
  function resultImages(job: FakeJob): Record<string, unknown>[] {
    const count = typeof job.input.num_images === "number" ? job.input.num_images : 1;
    return Array.from({ length: count }, (_, i) => ({
      url: `${baseUrl}/media/${job.videoId}_${i}.png`,
      content_type: "image/png",
      file_name: `${job.videoId}_${i}.png`,
      file_size: TINY_PNG.length,
      width: 1,
      height: 1,
    }));
  }

  /** `badResultNext`: the video as a list, as image models give `images`; no `video` to read. */
  function unreadableResult(job: FakeJob): Record<string, unknown> {
    const file = {
      url: mediaUrl(job.videoId),
      content_type: "video/mp4",
      file_name: `${job.videoId}.mp4`,
      file_size: TINY_MP4.length,
    };
    return { videos: [file], seed: 42 };
  }

  /** The result in the shape of the `<Name>Output` of the endpoint's catalogue document. */
  function documentResult(job: FakeJob): Record<string, unknown> | undefined {
    const doc = catalogue.get(job.endpoint)?.model.openapi;
    const output = doc && "paths" in doc ? outputSchemaOf(doc, job.endpoint) : undefined;
    if (!doc || !("paths" in doc) || !output) return undefined;
    const facts = {
      videoUrl: mediaUrl(job.videoId),
      fileName: `${job.videoId}.mp4`,
      fileSize: TINY_MP4.length,
      durationSec: job.durationSec,
      input: job.input,
    };
    return resultFromOutput(doc, output, facts);
  }

  function moderationFailure(job: FakeJob, status: 422 | 500): { status: number; body: unknown } {
    if (status === 422) {
      return {
        status,
        body: {
          detail: [
            {
              loc: ["body", "prompt"],
              msg: "The content was flagged by a content checker.",
              type: "content_policy_violation",
              url: "https://docs.fal.ai/errors#content_policy_violation",
              input: job.input.prompt,
              categories: ["model_moderated"],
            },
          ],
        },
      };
    }
    return {
      status,
      body: { detail: "The generated video was rejected by the provider's content policy (content_policy_violation)." },
    };
  }

  // ---------------------------------------------------------------- queue routes (through the proxy)

  async function submit(
    endpoint: string,
    schema: SubmitTarget,
    req: IncomingMessage,
    res: ServerResponse,
    entry: LoggedRequest,
  ) {
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw.length ? JSON.parse(raw.toString("utf8")) : {};
    } catch {
      entry.status = 422;
      return json(res, 422, { detail: [{ loc: ["body"], msg: "JSON decode error", type: "json_invalid" }] });
    }
    entry.body = body;
    if (applyFault("submit", res, entry)) return;
    if (switches.rejectSubmit) {
      const { status, body: forced } = switches.rejectSubmit;
      entry.status = status;
      return json(
        res,
        status,
        forced ?? {
          detail: [{ loc: ["body", "prompt"], msg: "Forced rejection by the fake fal", type: "value_error" }],
        },
      );
    }
    const { errors, ignoredFields } = schema.validate(body);
    entry.ignoredFields = ignoredFields;
    const input = body as Record<string, unknown>;
    const now = Date.now();
    if (errors.length === 0 && schema.remixField) {
      const videoId = input[schema.remixField];
      const video = typeof videoId === "string" ? findVideo(videoId, now) : undefined;
      if (!video) {
        errors.push({
          loc: ["body", schema.remixField],
          msg: `Video ${String(videoId)} not found: only videos generated by Sora 2 can be remixed.`,
          type: "value_error",
          input: videoId,
        });
      } else if (video.deleted) {
        errors.push({
          loc: ["body", schema.remixField],
          msg: `Video ${String(videoId)} was deleted after generation (delete_video was true) and cannot be remixed.`,
          type: "value_error",
          input: videoId,
        });
      }
    }
    if (errors.length > 0) {
      entry.status = 422;
      return json(res, 422, { detail: errors satisfies FalFieldError[] });
    }
    const app = endpoint.split("/").slice(0, 2).join("/");
    // Sora sends 4/8/12; other models say "8s", "5" or 5; what is no number of seconds ("auto", 0: as the
    // input video) counts as 4.
    const askedDuration = schema.valueOf(input, "duration");
    const durationText =
      typeof askedDuration === "string" || typeof askedDuration === "number" ? String(askedDuration) : "4";
    let durationSec = Number.parseFloat(durationText) || 4;
    if (schema.remixField) durationSec = findVideo(String(input[schema.remixField]), now)?.durationSec ?? 4;
    const perEndpoint = switches.latencyFor[endpoint];
    const latency = switches.latencyOf?.(endpoint, input) ?? {
      queueMs: perEndpoint?.queueMs ?? switches.queueMs,
      runMs: perEndpoint?.runMs ?? switches.runMs,
    };
    const queueMs = latency.queueMs;
    const job: FakeJob = {
      requestId: randomUUID(),
      endpoint,
      app,
      input,
      submittedAt: now,
      startsAt: now + queueMs,
      completesAt: now + queueMs + latency.runMs,
      cancelledAt: null,
      outcome: switches.moderation ? { kind: "moderation", status: switches.moderation } : { kind: "success" },
      output: schema.output,
      videoId: `video_${(++videoCounter).toString().padStart(4, "0")}_${randomUUID().slice(0, 8)}`,
      durationSec,
      deleteVideo: schema.valueOf(input, "delete_video") !== false,
      queuePositionAtSubmit: queueMs > 0 ? switches.queuePositionStart : 0,
    };
    jobs.push(job);
    jobsById.set(job.requestId, job);
    if (switches.badResultNext > 0) {
      switches.badResultNext -= 1;
      unreadable.add(job.requestId);
    }
    entry.requestId = job.requestId;
    if (switches.loseSubmitResponse > 0) {
      switches.loseSubmitResponse -= 1;
      entry.status = "dropped";
      res.socket?.destroy();
      return;
    }
    entry.status = 200;
    json(
      res,
      200,
      { status: "IN_QUEUE", ...queueUrls(job), queue_position: queuePosition(job, now) },
      { "x-fal-request-id": job.requestId },
    );
  }

  function jobFor(app: string, id: string): FakeJob | undefined {
    const job = jobsById.get(id);
    return job && job.app === app ? job : undefined;
  }

  function status(app: string, id: string, url: URL, res: ServerResponse, entry: LoggedRequest) {
    if (applyFault("status", res, entry)) return;
    const job = jobFor(app, id);
    if (!job) {
      entry.status = 404;
      return json(res, 404, { detail: "Request not found" });
    }
    const now = Date.now();
    const body = statusBody(job, now, url.searchParams.get("logs") === "1");
    entry.status = body.status === "COMPLETED" ? 200 : 202;
    json(res, entry.status, body, { "x-fal-request-id": job.requestId });
  }

  function stream(app: string, id: string, url: URL, req: IncomingMessage, res: ServerResponse, entry: LoggedRequest) {
    if (applyFault("stream", res, entry)) return;
    const job = jobFor(app, id);
    if (!job) {
      entry.status = 404;
      return json(res, 404, { detail: "Request not found" });
    }
    const withLogs = url.searchParams.get("logs") === "1";
    entry.status = 200;
    res.writeHead(200, {
      "Content-Type": "text/event-stream",
      "Cache-Control": "no-cache",
      Connection: "keep-alive",
      "x-fal-request-id": job.requestId,
    });
    let sentLogs = 0;
    let lastKey = "";
    if (switches.streamSilent) {
      res.flushHeaders();
      return;
    }
    const tick = () => {
      const now = Date.now();
      const body = statusBody(job, now, withLogs);
      const logs = Array.isArray(body.logs) ? (body.logs as unknown[]) : [];
      // Events carry only new log lines; the client accumulates them.
      const key = `${String(body.status)}|${String(body.queue_position)}|${logs.length}`;
      if (key !== lastKey) {
        lastKey = key;
        const event = "logs" in body ? { ...body, logs: logs.slice(sentLogs) } : body;
        sentLogs = logs.length;
        res.write(`data: ${JSON.stringify(event)}\n\n`);
      }
      if (body.status === "COMPLETED") {
        stop();
        res.end();
      }
    };
    const timer = setInterval(tick, switches.streamIntervalMs);
    streams.add(timer);
    const stop = () => {
      clearInterval(timer);
      streams.delete(timer);
    };
    req.on("close", stop);
    tick();
  }

  function result(app: string, id: string, res: ServerResponse, entry: LoggedRequest) {
    if (applyFault("result", res, entry)) return;
    const job = jobFor(app, id);
    if (!job) {
      entry.status = 404;
      return json(res, 404, { detail: "Request not found" });
    }
    const now = Date.now();
    const headers = { "x-fal-request-id": job.requestId };
    if (isCancelled(job)) {
      entry.status = 400;
      return json(res, 400, { detail: "Request was cancelled" }, headers);
    }
    if (jobState(job, now) !== "COMPLETED") {
      entry.status = 400;
      return json(res, 400, { detail: "Request is still in progress" }, headers);
    }
    if (job.outcome.kind === "moderation") {
      const failure = moderationFailure(job, job.outcome.status);
      entry.status = failure.status;
      return json(res, failure.status, failure.body, headers);
    }
    entry.status = 200;
    json(res, 200, unreadable.has(job.requestId) ? unreadableResult(job) : resultBody(job), headers);
  }

  function cancel(app: string, id: string, res: ServerResponse, entry: LoggedRequest) {
    if (applyFault("cancel", res, entry)) return;
    const job = jobFor(app, id);
    if (!job) {
      entry.status = 404;
      return json(res, 404, { status: "NOT_FOUND", detail: "Request not found" });
    }
    const now = Date.now();
    if (jobState(job, now) === "COMPLETED") {
      entry.status = 400;
      return json(res, 400, { status: "ALREADY_COMPLETED" });
    }
    job.cancelledAt = now;
    entry.status = 202;
    json(res, 202, { status: "CANCELLATION_REQUESTED" });
  }

  async function uploadInitiate(req: IncomingMessage, res: ServerResponse, entry: LoggedRequest) {
    const raw = await readBody(req);
    const body = raw.length ? (JSON.parse(raw.toString("utf8")) as { content_type?: string; file_name?: string }) : {};
    entry.body = body;
    if (applyFault("upload", res, entry)) return;
    const token = randomUUID();
    const name = body.file_name ?? "upload.bin";
    uploads.set(token, { contentType: body.content_type ?? "application/octet-stream", name });
    entry.status = 200;
    json(res, 200, {
      upload_url: `${baseUrl}/upload/${token}`,
      file_url: `${baseUrl}/files/${token}/${encodeURIComponent(name)}`,
    });
  }

  // ---------------------------------------------------------------- direct routes (CDN)

  async function uploadPut(token: string, req: IncomingMessage, res: ServerResponse, entry: LoggedRequest) {
    const bytes = await readBody(req);
    entry.body = { bytes: bytes.length, contentType: req.headers["content-type"] ?? null };
    if (applyFault("upload-put", res, entry)) return;
    const pending = uploads.get(token);
    if (!pending) {
      entry.status = 404;
      return text(res, 404, "Unknown upload");
    }
    pending.file = { bytes, contentType: req.headers["content-type"] ?? pending.contentType, name: pending.name };
    entry.status = 200;
    res.writeHead(200, { "Content-Length": 0 });
    res.end();
  }

  function serveBytes(req: IncomingMessage, res: ServerResponse, bytes: Buffer, contentType: string): number {
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? "");
    const headers: Record<string, string | number> = {
      "Content-Type": contentType,
      "Accept-Ranges": "bytes",
      "Cache-Control": "public, max-age=3600",
    };
    if (range && (range[1] || range[2])) {
      const size = bytes.length;
      let start = range[1] ? Number(range[1]) : size - Number(range[2]);
      let end = range[1] && range[2] ? Number(range[2]) : size - 1;
      start = Math.max(0, start);
      end = Math.min(size - 1, end);
      if (start > end) {
        res.writeHead(416, { "Content-Range": `bytes */${size}` });
        res.end();
        return 416;
      }
      res.writeHead(206, {
        ...headers,
        "Content-Range": `bytes ${start}-${end}/${size}`,
        "Content-Length": end - start + 1,
      });
      res.end(req.method === "HEAD" ? undefined : bytes.subarray(start, end + 1));
      return 206;
    }
    res.writeHead(200, { ...headers, "Content-Length": bytes.length });
    res.end(req.method === "HEAD" ? undefined : bytes);
    return 200;
  }

  // ---------------------------------------------------------------- the proxy check

  /** The fake stands for fal behind Reelflow's proxy, so it answers that proxy's check (src/proxy/handler.ts). */
  function proxyCheck(res: ServerResponse, entry: LoggedRequest) {
    entry.kind = "control";
    checks.push(entry);
    const answer = switches.proxyCheck;
    if (answer === "plain") {
      entry.status = 400;
      return text(res, 400, "Invalid request");
    }
    if (answer === "absent") {
      entry.status = 404;
      res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
      return res.end("<!doctype html><title>404 Not Found</title><h1>Not Found</h1>");
    }
    entry.status = 200;
    const endpoints = [...new Set([...Object.keys(endpointSchemas), ...catalogue.keys()])];
    return json(res, 200, {
      service: "reelflow-fal-proxy",
      version: 1,
      falKey: answer.falKey,
      capabilities: answer.capabilities,
      ...(answer.falKey ? {} : { message: "No FAL_KEY: the fake fal was told to have none." }),
      fake: "fal",
      endpoints,
    });
  }

  // ---------------------------------------------------------------- control (for Playwright and manual use)

  async function control(path: string, req: IncomingMessage, res: ServerResponse) {
    if (path === "/__fake/requests")
      return json(
        res,
        200,
        requests.filter((r) => r.kind !== "control"),
      );
    if (path === "/__fake/jobs") return json(res, 200, jobs);
    if (path === "/__fake/switches" && req.method === "GET") return json(res, 200, switches);
    if (path === "/__fake/switches" && req.method === "POST") {
      const raw = await readBody(req);
      fake.set(JSON.parse(raw.toString("utf8") || "{}") as Partial<FakeFalSwitches>);
      return json(res, 200, switches);
    }
    if (path === "/__fake/reset" && req.method === "POST") {
      fake.reset();
      return json(res, 200, { ok: true });
    }
    if (path === "/__fake/models" && req.method === "POST") {
      const raw = await readBody(req);
      fake.addModel(JSON.parse(raw.toString("utf8")) as FakeCatalogueEntry);
      return json(res, 200, { ok: true });
    }
    const finish = /^\/__fake\/jobs\/([^/]+)\/finish$/.exec(path);
    if (finish && req.method === "POST") {
      fake.finish(decodeURIComponent(finish[1] ?? ""));
      return json(res, 200, { ok: true });
    }
    return json(res, 404, { detail: "Unknown control route" });
  }

  // ---------------------------------------------------------------- dispatch

  async function handle(req: IncomingMessage, res: ServerResponse) {
    cors(req, res);
    const method = (req.method ?? "GET").toUpperCase();
    const own = new URL(req.url ?? "/", baseUrl);
    const targetHeader = req.headers["x-fal-target-url"];
    const target = Array.isArray(targetHeader) ? targetHeader[0] : targetHeader;
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]),
    );
    const entry: LoggedRequest = {
      kind: "refused",
      method,
      path: own.pathname + own.search,
      target: target ?? null,
      endpoint: null,
      requestId: null,
      body: undefined,
      status: 0,
      at: Date.now(),
      headers,
    };

    if (method === "OPTIONS") {
      entry.kind = "preflight";
      entry.status = 204;
      requests.push(entry);
      res.writeHead(204, {
        "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE, OPTIONS",
        "Access-Control-Allow-Headers": req.headers["access-control-request-headers"] ?? "*",
        "Access-Control-Max-Age": "600",
      });
      return res.end();
    }

    if (own.pathname.startsWith("/__fake/")) {
      entry.kind = "control";
      requests.push(entry);
      return control(own.pathname, req, res);
    }

    if (!target) {
      // Direct calls: the upload PUT and the CDN.
      const put = /^\/upload\/([^/]+)$/.exec(own.pathname);
      if (put && method === "PUT") {
        entry.kind = "upload-put";
        requests.push(entry);
        return uploadPut(put[1] ?? "", req, res, entry);
      }
      // Videos as `<id>.mp4`; the images of an image model's result as `<id>_<i>.jpg` (or .png).
      const media = /^\/media\/([^/]+)\.(mp4|jpg|png)$/.exec(own.pathname);
      if (media && (method === "GET" || method === "HEAD")) {
        entry.kind = "media";
        requests.push(entry);
        if (applyFault("media", res, entry)) return;
        const video = media[2] === "mp4";
        entry.status = serveBytes(req, res, video ? TINY_MP4 : TINY_PNG, video ? "video/mp4" : "image/png");
        return;
      }
      const file = /^\/files\/([^/]+)\/[^/]*$/.exec(own.pathname);
      if (file && (method === "GET" || method === "HEAD")) {
        entry.kind = "file";
        requests.push(entry);
        const stored = uploads.get(file[1] ?? "")?.file;
        if (!stored) {
          entry.status = 404;
          return text(res, 404, "Not found");
        }
        entry.status = serveBytes(req, res, stored.bytes, stored.contentType);
        return;
      }
      if (own.pathname === "/" && method === "GET") return proxyCheck(res, entry);
      // What @fal-ai/server-proxy answers without a target.
      entry.status = 400;
      requests.push(entry);
      return text(res, 400, "Invalid request");
    }

    let targetUrl: URL;
    try {
      targetUrl = new URL(target);
    } catch {
      entry.status = 400;
      requests.push(entry);
      return text(res, 400, "Invalid request");
    }
    requests.push(entry);
    // The proxy only relays to fal hosts, and on api.fal.ai only GET to the Model and Pricing APIs.
    const platform = targetUrl.host === API_HOST ? platformKind(targetUrl, method) : null;
    const relayed = targetUrl.host === QUEUE_HOST || targetUrl.host === REST_HOST || platform !== null;
    if (targetUrl.protocol !== "https:" || !relayed) {
      entry.status = 400;
      return text(res, 400, "Invalid request");
    }
    if (switches.noKey) {
      entry.kind = platform ?? classify(targetUrl, method);
      entry.status = 401;
      if (platform) {
        return answerPlatform(res, entry, platformError(401, "authorization_error", "Invalid or missing API key."));
      }
      return json(res, 401, {
        detail: "Authentication is required to access this application. Provide a valid fal key.",
      });
    }
    if (platform) {
      entry.kind = platform;
      return platformCall(platform, targetUrl, res, entry);
    }

    if (targetUrl.host === REST_HOST) {
      if (targetUrl.pathname === "/storage/upload/initiate" && method === "POST") {
        entry.kind = "upload";
        return uploadInitiate(req, res, entry);
      }
      entry.status = 404;
      return json(res, 404, { detail: "Not found" });
    }

    const path = decodeURIComponent(targetUrl.pathname).replace(/^\/+/, "").replace(/\/+$/, "");
    const m = /^([^/]+\/[^/]+)\/requests\/([^/]+)(\/status\/stream|\/status|\/cancel)?$/.exec(path);
    if (m) {
      const app = m[1] ?? "";
      const id = m[2] ?? "";
      entry.endpoint = app;
      entry.requestId = id;
      const suffix = m[3];
      if (suffix === "/status/stream" && method === "GET") {
        entry.kind = "stream";
        return stream(app, id, targetUrl, req, res, entry);
      }
      if (suffix === "/status" && method === "GET") {
        entry.kind = "status";
        return status(app, id, targetUrl, res, entry);
      }
      if (suffix === "/cancel" && method === "PUT") {
        entry.kind = "cancel";
        return cancel(app, id, res, entry);
      }
      if (suffix === undefined && method === "GET") {
        entry.kind = "result";
        return result(app, id, res, entry);
      }
      entry.status = 405;
      return json(res, 405, { detail: "Method Not Allowed" });
    }
    if (method === "POST") {
      entry.kind = "submit";
      entry.endpoint = path;
      const known = endpointSchemas[path];
      const listed = catalogue.get(path);
      const schema = known ? schemaTarget(known) : listed ? documentTarget(listed) : undefined;
      if (!schema) {
        await readBody(req);
        entry.status = 404;
        return json(res, 404, { detail: `Application '${path}' not found` });
      }
      return submit(path, schema, req, res, entry);
    }
    entry.status = 404;
    return json(res, 404, { detail: "Not Found" });
  }

  /** "models" or "pricing" for GET to exactly those two paths on api.fal.ai; anything else there is refused. */
  function platformKind(url: URL, method: string): "models" | "pricing" | null {
    if (method !== "GET") return null;
    if (url.pathname === "/v1/models") return "models";
    if (url.pathname === "/v1/models/pricing") return "pricing";
    return null;
  }

  function answerPlatform(res: ServerResponse, entry: LoggedRequest, answer: PlatformAnswer) {
    entry.status = answer.status;
    json(res, answer.status, answer.body);
  }

  function platformCall(kind: "models" | "pricing", url: URL, res: ServerResponse, entry: LoggedRequest) {
    if (applyFault(kind, res, entry)) return;
    if (switches.catalogueDown === "drop") {
      entry.status = "dropped";
      res.socket?.destroy();
      return;
    }
    if (switches.catalogueDown) {
      return answerPlatform(res, entry, platformError(503, "server_error", "Service temporarily unavailable."));
    }
    const models = [...catalogue.values()];
    if (kind === "models") return answerPlatform(res, entry, listModels(models, url.searchParams));
    if (switches.pricingStatus !== null) {
      const status = switches.pricingStatus;
      const refusedKey = status === 401 || status === 403;
      const type = refusedKey ? "authorization_error" : status === 429 ? "rate_limited" : "server_error";
      const message = `Pricing is not available to this key (${status}).`;
      return answerPlatform(res, entry, platformError(status, type, message));
    }
    answerPlatform(res, entry, listPrices(models, url.searchParams));
  }

  function classify(url: URL, method: string): LoggedRequest["kind"] {
    if (url.host === REST_HOST) return "upload";
    if (/\/status\/stream$/.test(url.pathname)) return "stream";
    if (/\/status$/.test(url.pathname)) return "status";
    if (/\/cancel$/.test(url.pathname)) return "cancel";
    if (/\/requests\/[^/]+$/.test(url.pathname)) return "result";
    return method === "POST" ? "submit" : "refused";
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const addr = server.address() as AddressInfo;
  baseUrl = opts.publicUrl?.replace(/\/$/, "") ?? `http://${opts.host ?? "127.0.0.1"}:${addr.port}`;

  const fake: FakeFal = {
    url: baseUrl,
    requests,
    checks,
    jobs,
    get switches() {
      return switches;
    },
    set(patch) {
      switches = { ...switches, ...patch, failNext: { ...switches.failNext, ...(patch.failNext ?? {}) } };
      // Fault plans are consumed in place: keep them our own copies.
      for (const [k, v] of Object.entries(switches.failNext)) {
        if (v) switches.failNext[k as CallKind] = { ...v };
      }
    },
    reset() {
      requests.length = 0;
      checks.length = 0;
      jobs.length = 0;
      jobsById.clear();
      uploads.clear();
      seededVideos.clear();
      unreadable.clear();
      catalogue.clear();
      for (const e of defaultCatalogue) catalogue.set(e.model.endpoint_id, e);
      switches = { ...DEFAULT_SWITCHES, ...opts.switches, failNext: { ...opts.switches?.failNext } };
    },
    finish(requestId) {
      const job = jobsById.get(requestId);
      if (!job) throw new Error(`fake fal has no job ${requestId}`);
      const now = Date.now();
      if (job.completesAt > now) {
        job.startsAt = Math.min(job.startsAt, now);
        job.completesAt = now;
      }
    },
    startNow(requestId, runMs) {
      const job = jobsById.get(requestId);
      if (!job) throw new Error(`fake fal has no job ${requestId}`);
      const now = Date.now();
      if (job.startsAt <= now) return;
      const run = runMs ?? job.completesAt - job.startsAt;
      job.startsAt = now;
      job.completesAt = now + run;
    },
    seedVideo(videoId, o = {}) {
      seededVideos.set(videoId, { deleted: o.deleted ?? false, durationSec: o.durationSec ?? 4 });
    },
    addModel(added) {
      catalogue.set(added.model.endpoint_id, added);
    },
    catalogue() {
      return [...catalogue.values()];
    },
    requestsOf(kind) {
      return requests.filter((r) => r.kind === kind);
    },
    submittedCount(endpoint) {
      return jobs.filter((j) => endpoint === undefined || j.endpoint === endpoint).length;
    },
    maxConcurrent() {
      return maxConcurrentJobs(jobs);
    },
    async close() {
      for (const t of streams) clearInterval(t);
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
