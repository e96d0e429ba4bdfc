import type { CacheKey, NodeId } from "../../domain/ids";
import type { SpendOutcome } from "../../domain/spend";
import type { RunEvent } from "../../engine/events";
import type { CachedResult, EnginePorts, Job, JobLeases, TabLocking } from "../../engine/ports";
import { reduceRun } from "../../engine/run-state";
import type { RunEnvironment } from "../run/run-controller";
import type { RunStore } from "../run/run-store";
import type { ToastStore } from "../toast/toast-store";
import type { StorageAccess } from "./storage-access";
import { durationOfResult } from "../../nodes/results";
import { messageOf } from "../../domain/message-of";

/**
 * The app's "nothing lost, nothing paid twice" wiring, kept out of the views:
 * - every run's ports get cross-tab job leases (Web Locks), one name space per mode;
 * - at start, unfinished ledger jobs are re-attached by request id (never resubmitted);
 * - a key another tab settled is looked up again here (BroadcastChannel);
 * - the first paid result asks the browser to keep storage; a video that did not fit says so.
 */
export interface ReliabilityDeps {
  env: RunEnvironment;
  runs: RunStore;
  toasts: ToastStore;
  storage: StorageAccess;
  /** The mode now: resume only follows paid jobs through the real client. */
  mode(): "demo" | "fal";
  /** Plans the open document again with fresh cache lookups. */
  refreshLookups(): void;
  /**
   * A job resumed at start ended with a stored result (`chosen`: it succeeded here rather than being
   * stored by another tab), e.g. to file it as a take. Awaited before the resume counts as done.
   */
  onResumedResult?(job: Job, result: CachedResult, opts: { chosen: boolean }): Promise<void>;
  /**
   * A job from before the reload ended here, so it is spend its page never recorded: followed to
   * its end by request id (succeeded, failed, cancelled), or found without fal's answer (unknown,
   * once: when first marked so). E.g. the money service's `recordJobEnd`.
   */
  onResumedJobEnd?(job: Job, outcome: SpendOutcome, opts: { seconds: number | null }): Promise<void>;
  /** Leases across tabs and the news of keys settled in other tabs (the browser's: src/adapters/locks). */
  locking: TabLocking;
}

export interface Reliability {
  /** The run environment with leases in its ports: give this one to the run controller. */
  env: RunEnvironment;
  /** Re-attaches to unfinished jobs; resolves when they all ended. */
  resumeAtStart(): Promise<void>;
  dispose(): void;
}

const nodeOfKey = (runs: RunStore, key: CacheKey): NodeId | undefined =>
  (Object.entries(runs.getState().keys).find(([, k]) => k === key)?.[0] as NodeId | undefined) ?? undefined;

export function connectReliability(deps: ReliabilityDeps): Reliability {
  const { runs, toasts } = deps;
  const say = (message: string, tone: "info" | "error" = "info") =>
    toasts.getState().show(message, { tone, ms: tone === "error" ? 12_000 : 6000 });
  const { announcer } = deps.locking;
  const onWait = (key: CacheKey) => {
    const id = nodeOfKey(runs, key);
    say(
      `${id ? `Node ${id}` : "A job"} is already being made in another tab: this tab waits for that result instead of paying twice.`,
    );
  };
  // Without Web Locks (very old browsers) runs still work, one owner per tab as before.
  const paid = deps.locking.leases("reelflow-job:paid:", onWait);
  const demo = deps.locking.leases("reelflow-job:demo:", onWait);
  const leases: Record<"paid" | "demo", JobLeases> | null = paid && demo ? { paid, demo } : null;

  const env: RunEnvironment = {
    ...deps.env,
    // `concurrency` is read when runs start: keep it live rather than copied.
    get concurrency() {
      return deps.env.concurrency;
    },
    simulated: () => deps.env.simulated(),
    cache: () => deps.env.cache(),
    async ports(): Promise<EnginePorts> {
      const ports = await deps.env.ports();
      return leases ? { ...ports, leases: leases[deps.env.simulated() ? "demo" : "paid"] } : ports;
    },
  };

  const offSettled = announcer.onSettled((key) => {
    if (Object.values(runs.getState().keys).includes(key)) deps.refreshLookups();
  });

  // First paid result: ask the browser to keep our data (paid videos live here).
  let persistAsked = false;
  const warnedFull = new Set<CacheKey>();
  const offRuns = runs.subscribe((st, prev) => {
    if (st.run === prev.run) return;
    for (const [id, n] of Object.entries(st.run.nodes)) {
      if (n === prev.run.nodes[id as NodeId] || n.status !== "succeeded" || !n.result || n.result.simulated) continue;
      if (!persistAsked) {
        persistAsked = true;
        void deps.storage.persisted().then((p) => (p === false ? deps.storage.requestPersist() : undefined));
      }
      const mediaError = n.result.mediaError;
      if (mediaError && /storage full/i.test(mediaError) && !warnedFull.has(n.result.key)) {
        warnedFull.add(n.result.key);
        say(
          `Storage is full: the video of ${id} was not kept in this browser (it plays from fal's URL for now, and the result is saved). Free space in Storage; nothing is deleted without you.`,
          "error",
        );
      }
    }
  });

  async function resumeAtStart(): Promise<void> {
    if (deps.mode() !== "fal") return;
    let ports: EnginePorts;
    try {
      ports = await env.ports();
    } catch (e) {
      say(`Could not check for unfinished jobs: ${messageOf(e)}`, "error");
      return;
    }
    const jobs = (await ports.ledger?.unfinished()) ?? [];
    if (jobs.length === 0) return;
    // A job of a model read from fal's catalogue needs that model known to read its result.
    await env.catalogue?.ensure(jobs.map((j) => j.endpoint)).catch(() => undefined);
    // A node shows a resumed job only while it still has that job's key (the document may have changed).
    runs.setState((s) => ({
      keysAtRun: { ...s.keysAtRun, ...Object.fromEntries(jobs.map((j) => [j.nodeId, j.key])) },
    }));
    const byKey = new Map(jobs.map((j) => [j.key, j]));
    const filing: Promise<void>[] = [];
    // Jobs followed here by request id: their end is spend (a result another tab stored is not).
    const followed = new Set<Job>();
    const followedOf = (id: NodeId) => [...followed].find((j) => j.nodeId === id);
    const spent = (job: Job | undefined, outcome: SpendOutcome, seconds: number | null = null) => {
      if (!job || !deps.onResumedJobEnd) return;
      followed.delete(job);
      filing.push(
        deps
          .onResumedJobEnd(job, outcome, { seconds })
          .catch((e: unknown) => say(`Could not write the spend ledger: ${messageOf(e)}`, "error")),
      );
    };
    const onEvent = (ev: RunEvent) => {
      // Start and finish belong to runs the user pressed; resumed jobs only change their own nodes.
      if (ev.type === "run-started" || ev.type === "run-finished") return;
      if (ev.type === "resumed") {
        const job = jobs.find((j) => j.requestId === ev.requestId);
        if (job) followed.add(job);
      } else if (ev.type === "succeeded") {
        const job = byKey.get(ev.result.key);
        if (job && followed.has(job)) spent(job, "succeeded", durationOfResult(ev.result.result));
      } else if (ev.type === "cancelled") {
        spent(followedOf(ev.nodeId), "cancelled");
      } else if (ev.type === "failed") {
        const job = followedOf(ev.nodeId);
        if (job) spent(job, "failed");
        else if (ev.error.code === "submit-unknown") {
          // Counted once: a row already "unknown" was counted when it became so.
          spent(
            jobs.find(
              (j) => j.nodeId === ev.nodeId && j.state !== "unknown" && (!j.requestId || j.state === "submitting"),
            ),
            "unknown",
          );
        }
      }
      if ((ev.type === "succeeded" || ev.type === "cached") && deps.onResumedResult) {
        const job = byKey.get(ev.result.key);
        if (job) {
          filing.push(
            deps
              .onResumedResult(job, ev.result, { chosen: ev.type === "succeeded" })
              .catch((e: unknown) =>
                say(`The result of ${job.nodeId} was kept, but not filed as a take: ${messageOf(e)}`, "error"),
              ),
          );
        }
      }
      runs.setState((s) => ({ run: reduceRun(s.run, ev) }));
    };
    const { resumeUnfinished } = await import("../../engine/resume");
    try {
      const summary = await resumeUnfinished(ports, { onEvent, concurrency: deps.env.concurrency ?? 4 });
      if (summary.resumed.length > 0)
        say(
          `Picked up ${summary.resumed.length} job${summary.resumed.length === 1 ? "" : "s"} still at fal from before the reload, without sending ${summary.resumed.length === 1 ? "it" : "them"} again.`,
        );
      if (summary.unknown.length > 0) {
        say(
          `${summary.unknown.length} earlier job${summary.unknown.length === 1 ? "" : "s"} lost fal's answer: see the node${summary.unknown.length === 1 ? "" : "s"} (${summary.unknown.map((j) => j.nodeId).join(", ")}) before submitting again.`,
          "error",
        );
      }
    } catch (e) {
      say(
        `Resuming unfinished jobs failed: ${messageOf(e)}. They stay in the job list and are tried again on the next start.`,
        "error",
      );
    } finally {
      await Promise.all(filing);
      deps.refreshLookups();
    }
  }

  return {
    env,
    resumeAtStart,
    dispose() {
      offSettled();
      offRuns();
      announcer.close();
    },
  };
}
