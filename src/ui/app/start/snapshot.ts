import type { ReelflowDb } from "../../../adapters/db";
import type { StoredTake } from "../../../domain/take";
import { readStartRowsFromDexie, readStartRowsOr, type StartRows } from "../../../adapters/db/start-reader";
import { newWorkflowId, storedWorkflowOf } from "../../../adapters/db/workflow-row";
import type { ContentHash, WorkflowId } from "../../../domain/ids";
import type { AppSettings, CacheNamespace } from "../../../domain/settings";
import { isGenerationKind, type Workflow } from "../../../domain/workflow";
import { emptyWorkflow } from "../../../editor/document";
import type { Lookups } from "../../run/plan-view";
import type { Toast } from "../../toast/toast-store";
import type { FirstPlan } from "./first-plan";

/**
 * What start-up reads once, before anything is drawn, and hands to the parts that need it as they are made:
 * the settings, the workflow the first screen opens (the last one, or one from a share link), and, for a workflow
 * with video nodes, its first plan's reads (./first-plan.ts: cache lookups, videos, takes), kept in `firstPlan`.
 */
export interface StartSnapshot {
  settings: AppSettings;
  opened: { id: WorkflowId; doc: Workflow; unstored: boolean };
  /** The opened workflow came from a share link: its address is cleaned, so it exists nowhere else until stored. */
  shared: boolean;
  /** What the first screen says at once (a last workflow that could not be read, a share link opened or damaged). */
  notices: { message: string; tone: Toast["tone"]; ms: number }[];
  /** The open workflow's video nodes: with none, its first plan is not read at start. */
  videoNodes: number;
  /** Dexie, already open, when the plain read failed and the rows were read through it: the rest keeps it. */
  dexie: ReelflowDb | undefined;
  firstPlan: FirstPlanAtHand;
}

/**
 * The first plan's reads, once they are here (`accept`): its lookups for the run controller, each video or
 * thumbnail once for the view that shows it, the workflow's takes once for its take strips' feed. All of it belongs
 * to the workflow opened at start, in the mode of the start: asked for another, it has nothing, and `forget()`
 * (another workflow opened) drops it. The lookups are by content key, good for any workflow, but only while the app
 * is still in the start's mode: a switch before the run controller arrives must not seed it with the other mode's.
 */
export interface FirstPlanAtHand {
  accept(plan: FirstPlan): void;
  lookups(namespaceNow: CacheNamespace): Lookups | undefined;
  blobAtHand(hash: ContentHash): Blob | undefined;
  takesAtHand(namespace: CacheNamespace, workflowId: WorkflowId): readonly StoredTake[] | undefined;
  forget(): void;
}

/** Reads the start rows (plain IndexedDB, else through Dexie) and the address's share link, if any. */
export async function readSnapshot(): Promise<StartSnapshot> {
  let dexie: ReelflowDb | undefined;
  const rows = await readStartRowsOr(() => readThroughDexie((db) => (dexie = db)));
  // A share link (#w=…) opens as a new workflow. Its decoder (lz-string) loads only when the address has a fragment.
  const shared = window.location.hash ? await takeSharedLink() : ({ kind: "none" } as const);
  const initial = openInitial(rows);
  const opened = shared.kind === "workflow" ? { id: newWorkflowId(), doc: shared.workflow, unstored: true } : initial;
  const notices: StartSnapshot["notices"] = [];
  if (shared.kind !== "workflow" && initial.problem)
    notices.push({ message: initial.problem, tone: "error", ms: 15_000 });
  if (shared.kind === "damaged") notices.push({ message: shared.message, tone: "error", ms: 15_000 });
  if (shared.kind === "workflow")
    notices.push({
      message:
        `Opened the shared workflow "${shared.workflow.name}" as a new workflow. ` +
        "Nothing runs until you press Run.",
      tone: "info",
      ms: 8000,
    });
  const namespace: CacheNamespace = rows.settings.mode === "demo" ? "demo" : "paid";
  return {
    settings: rows.settings,
    opened: { id: opened.id, doc: opened.doc, unstored: opened.unstored },
    shared: shared.kind === "workflow",
    notices,
    videoNodes: opened.doc.nodes.filter((n) => isGenerationKind(n.type)).length,
    dexie,
    firstPlan: firstPlanAtHand(opened.id, namespace),
  };
}

/** The workflow the first screen opens, from the start rows; `unstored` when it has no row yet. */
export function openInitial(rows: StartRows): { id: WorkflowId; doc: Workflow; unstored: boolean; problem?: string } {
  const fresh = (problem?: string) => ({
    id: newWorkflowId(),
    doc: emptyWorkflow(),
    unstored: true,
    ...(problem ? { problem } : {}),
  });
  if (rows.last && rows.last.deletedAt === null) {
    const stored = storedWorkflowOf(rows.last);
    if (stored.ok) return { id: stored.id, doc: stored.workflow, unstored: false };
    return fresh(
      `Your last workflow "${stored.name}" could not be read (${stored.errors.join("; ")}); it is kept unchanged.`,
    );
  }
  if (rows.recent) {
    const stored = storedWorkflowOf(rows.recent);
    if (stored.ok) return { id: stored.id, doc: stored.workflow, unstored: false };
  }
  return fresh();
}

/** Dexie reads the start rows when the plain read failed; that database is then kept for the rest. */
async function readThroughDexie(keep: (db: ReelflowDb) => void): Promise<StartRows> {
  const { openReelflowDb } = await import("../../../adapters/db/database");
  const db = openReelflowDb();
  // Opening here (not lazily at the first read) makes "IndexedDB unavailable" fail the start, with its message.
  await db.open();
  keep(db);
  return readStartRowsFromDexie(db);
}

/** The address's shared workflow; the address is cleaned so a reload does not open it twice. */
async function takeSharedLink() {
  const { takeSharedWorkflow } = await import("./shared-link");
  return takeSharedWorkflow(window.location, (url) => window.history.replaceState(window.history.state, "", url));
}

export function firstPlanAtHand(workflowId: WorkflowId, namespace: CacheNamespace): FirstPlanAtHand {
  let lookups: Lookups | undefined;
  let media = new Map<ContentHash, Blob>();
  let takes: readonly StoredTake[] | undefined;
  return {
    accept(plan) {
      lookups = plan.lookups;
      media = plan.media;
      takes = plan.takes;
    },
    lookups: (namespaceNow) => (namespaceNow === namespace ? lookups : undefined),
    blobAtHand(hash) {
      const blob = media.get(hash);
      media.delete(hash);
      return blob;
    },
    takesAtHand(ns, wf) {
      if (ns !== namespace || wf !== workflowId) return undefined;
      const list = takes;
      takes = undefined;
      return list;
    },
    forget() {
      media = new Map();
      takes = undefined;
    },
  };
}
