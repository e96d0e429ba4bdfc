/**
 * The fake fal's job table. A job's life is a function of the clock: it waits in the queue
 * for `queueMs`, runs for `runMs`, then is COMPLETED. Tests steer it with long latencies and
 * `finish`, never with tight sleeps.
 */

export type FakeJobState = "IN_QUEUE" | "IN_PROGRESS" | "COMPLETED";

export type FakeJobOutcome =
  | { kind: "success" }
  /** The model's checker refuses the output after the job ran: COMPLETED, then the result fails. */
  | { kind: "moderation"; status: 422 | 500 };

export interface FakeLogLine {
  message: string;
  level: string;
  source: string;
  timestamp: string;
}

export interface FakeJob {
  requestId: string;
  endpoint: string;
  /** `owner/alias`: the only part fal puts in status/result/cancel URLs. */
  app: string;
  input: Record<string, unknown>;
  submittedAt: number;
  /** When the job leaves the queue and starts running. */
  startsAt: number;
  completesAt: number;
  /** Set when a cancel was accepted while the job was still queued or running. */
  cancelledAt: number | null;
  outcome: FakeJobOutcome;
  /** Result shape, from the endpoint's schema; "openapi": the `<Name>Output` of its catalogue document. */
  output: "sora-video" | "video" | "video-with-seed" | "images" | "openapi";
  /** Sora's id of the video this job makes (also names the media file for other models). */
  videoId: string;
  durationSec: number;
  /** Sora deletes the video after generation unless `delete_video: false`: it then cannot be remixed. */
  deleteVideo: boolean;
  /** Queue position at submit; it counts down to 0 while the job waits. */
  queuePositionAtSubmit: number;
}

const LOG_MESSAGES = [
  "Preparing the request",
  "Generating video: 25%",
  "Generating video: 50%",
  "Generating video: 75%",
  "Encoding video",
];

export function jobState(job: FakeJob, now: number): FakeJobState {
  if (job.cancelledAt !== null) return "COMPLETED";
  if (now >= job.completesAt) return "COMPLETED";
  if (now >= job.startsAt) return "IN_PROGRESS";
  return "IN_QUEUE";
}

export function isCancelled(job: FakeJob): boolean {
  return job.cancelledAt !== null;
}

export function queuePosition(job: FakeJob, now: number): number {
  const waited = now - job.submittedAt;
  const total = job.startsAt - job.submittedAt;
  if (total <= 0 || job.queuePositionAtSubmit <= 0) return 0;
  const left = Math.max(0, 1 - waited / total);
  return Math.min(job.queuePositionAtSubmit, Math.max(0, Math.ceil(left * (job.queuePositionAtSubmit + 1)) - 1));
}

/** Log lines emitted so far: they appear evenly over the run, all of them by completion. */
export function jobLogs(job: FakeJob, now: number): FakeLogLine[] {
  if (now < job.startsAt) return [];
  const runMs = Math.max(1, job.completesAt - job.startsAt);
  const end = job.cancelledAt ?? Number.POSITIVE_INFINITY;
  const lines: FakeLogLine[] = [];
  LOG_MESSAGES.forEach((message, i) => {
    const at = job.startsAt + (runMs * i) / LOG_MESSAGES.length;
    if (at <= now && at <= end) {
      lines.push({ message, level: "INFO", source: "user", timestamp: new Date(at).toISOString() });
    }
  });
  return lines;
}

/** The largest number of jobs that were at fal (queued or running) at the same moment. */
export function maxConcurrentJobs(jobs: readonly FakeJob[]): number {
  const edges: [number, number][] = [];
  for (const j of jobs) {
    edges.push([j.submittedAt, 1]);
    edges.push([j.cancelledAt ?? j.completesAt, -1]);
  }
  // Ends sort before starts at the same instant: back-to-back jobs do not overlap.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let max = 0;
  for (const [, d] of edges) {
    now += d;
    max = Math.max(max, now);
  }
  return max;
}
