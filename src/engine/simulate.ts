import type { CacheKey } from "../domain/ids";
import type { PortValues } from "../nodes/types";
import type { JobContext, JobOutcome } from "./job";
import type { PlannedGeneration } from "./plan";

/**
 * Demo mode: walks a node through the same events as a real job without sending anything, so the
 * editor can be tried without a fal key. Results are stored flagged `simulated` under `sim:` keys,
 * so they can never be mistaken for (or served instead of) a paid result.
 */
export interface SimulateOptions {
  /** A video every simulated node "makes" (e.g. a bundled sample). */
  videoUrl?: string;
  /** How long a simulated job "runs" (default 300 ms). */
  delayMs?: number;
}

export async function simulateJob(
  node: PlannedGeneration,
  key: CacheKey,
  ports: PortValues,
  ctx: JobContext,
  opts: SimulateOptions,
): Promise<JobOutcome> {
  ctx.emit({ type: "running" });
  ctx.emit({ type: "logs", lines: [{ message: `Demo: ${node.adapter.label} would be asked for this video; nothing was sent.` }] });
  const delay = opts.delayMs ?? 300;
  const stopped = await new Promise<boolean>((resolve) => {
    if (ctx.signal?.aborted) return resolve(true);
    const t = setTimeout(() => {
      ctx.signal?.removeEventListener("abort", onAbort);
      resolve(false);
    }, delay);
    const onAbort = () => {
      clearTimeout(t);
      resolve(true);
    };
    ctx.signal?.addEventListener("abort", onAbort, { once: true });
  });
  if (stopped) return { status: "cancelled" };
  const url = opts.videoUrl ?? ports.video?.url ?? "";
  const durationSec = node.durationSec;
  const result = await ctx.ports.cache.put({
    key,
    endpoint: node.endpoint,
    result: { video: { url, content_type: "video/mp4" }, videoId: `demo-${key.slice(-12)}`, thumbnail: null, durationSec },
    requestId: null,
    costUsd: 0,
    createdAt: new Date(ctx.now()).toISOString(),
    simulated: true,
  });
  return { status: "succeeded", result };
}
