import { useMemo, useSyncExternalStore } from "react";
import { useStore } from "zustand";
import type { CacheKey, NodeId, WorkflowId } from "../../domain/ids";
import type { CacheNamespace } from "../../domain/settings";
import { resultKeyOf, type StoredTake, type Take, type TakeStore } from "../../domain/take";
import type { CachedResult } from "../../engine/ports";
import type { SettingsStore } from "../settings/settings-store";
import type { TakeRef } from "./compare/selection";
import { createTakesFeeds, type TakesFeed } from "./strip/takes-feed";
import { messageOf } from "../../domain/message-of";
import { takesOfImages } from "../../engine/image-takes";

export type { StoredTake };

/**
 * Makes a thumbnail image of a result: its fal thumbnail, else a frame of its video; for an image result, image
 * `image` scaled down. Null when none works.
 */
export type MakeThumbnail = (result: CachedResult, image?: number) => Promise<Blob | null>;

export interface TakeServiceDeps {
  stores: Record<CacheNamespace, TakeStore>;
  /** The mode the app is in now: its takes are the ones listed. */
  namespace(): CacheNamespace;
  /** The stored result of a take's key (for a thumbnail that is still to be made). */
  resultOf(namespace: CacheNamespace, key: CacheKey): Promise<CachedResult | undefined>;
  makeThumbnail: MakeThumbnail;
  onError?(message: string): void;
  /** Takes of a workflow already read (at start), handed to its feed as it opens: see createTakesFeeds. */
  preloaded?(namespace: CacheNamespace, workflowId: WorkflowId): readonly StoredTake[] | undefined;
}

/**
 * Takes for the views: list, read, file (the recorder, sweeps), thumbnails. Reads follow the mode
 * the app is in; a take is filed where its result lives (a simulated result is a demo take).
 */
export interface TakeService {
  list(workflowId: WorkflowId, nodeId: NodeId): Promise<StoredTake[]>;
  listWorkflow(workflowId: WorkflowId): Promise<StoredTake[]>;
  get(ref: TakeRef): Promise<StoredTake | undefined>;
  /**
   * Files a take once per (workflow, node, key); a new one gets its thumbnail made in the
   * background (from `result` when given). `added` is false when it was filed before. An image result is
   * filed as one take per image (engine/image-takes.ts); the answer is image 0's.
   */
  record(take: Take, result?: CachedResult): Promise<{ added: boolean; take: StoredTake }>;
  /** The take's stored thumbnail image, if one was made. */
  thumbnail(ref: TakeRef): Promise<Blob | undefined>;
  /** Makes the take's thumbnail if it has none yet (queued: one video is decoded at a time). */
  ensureThumbnail(take: StoredTake): void;
  /** The stored result (video) of a take of the current mode, for playing it (compare dialog). */
  result(take: Pick<Take, "key">): Promise<CachedResult | undefined>;
  namespace(): CacheNamespace;
  /** Live takes of a workflow per node (one shared Dexie live query per workflow and mode). */
  feed(workflowId: WorkflowId, namespace: CacheNamespace): TakesFeed;
}

export function createTakeService(deps: TakeServiceDeps): TakeService {
  const store = () => deps.stores[deps.namespace()];
  // Thumbnails are made one after another (each decodes a video), each take at most once per session.
  const attempted = new Set<string>();
  let queue: Promise<void> = Promise.resolve();
  const feeds = createTakesFeeds(
    (namespace, workflowId, next, onError) =>
      deps.stores[namespace as CacheNamespace].watchWorkflow(workflowId, next, onError),
    (e) => deps.onError?.(`Takes could not be read: ${messageOf(e)}`),
    deps.preloaded && ((namespace, workflowId) => deps.preloaded?.(namespace as CacheNamespace, workflowId)),
  );

  function makeThumbnail(namespace: CacheNamespace, take: Take, known?: CachedResult): void {
    const id = `${namespace}\u0000${take.workflowId}\u0000${take.nodeId}\u0000${take.key}`;
    if (attempted.has(id)) return;
    attempted.add(id);
    queue = queue.then(async () => {
      try {
        const result = known ?? (await deps.resultOf(namespace, resultKeyOf(take.key)));
        if (!result) return;
        const image = await deps.makeThumbnail(result, take.image);
        if (image) await deps.stores[namespace].setThumbnail(take, image);
      } catch (e) {
        // A take without a thumbnail still works (the strip shows its number).
        deps.onError?.(`No thumbnail for a take of ${take.nodeId}: ${messageOf(e)}`);
      }
    });
  }

  return {
    list: (workflowId, nodeId) => store().list(workflowId, nodeId),
    listWorkflow: (workflowId) => store().listWorkflow(workflowId),
    get: (ref) => store().get(ref),
    async record(take, result) {
      const namespace: CacheNamespace = result?.simulated ? "demo" : result ? "paid" : deps.namespace();
      // Each image of a batch is a take of its own; the first one's filing is the answer.
      const outs = [];
      for (const one of takesOfImages(take, result)) {
        const out = await deps.stores[namespace].record(one);
        if (!out.take.thumbnailHash) makeThumbnail(namespace, one, result);
        outs.push(out);
      }
      return outs[0] ?? deps.stores[namespace].record(take);
    },
    thumbnail: (ref) => store().thumbnail(ref),
    ensureThumbnail(take) {
      if (!take.thumbnailHash) makeThumbnail(deps.namespace(), take);
    },
    result: (take) => deps.resultOf(deps.namespace(), resultKeyOf(take.key)),
    namespace: () => deps.namespace(),
    feed: (workflowId, namespace) => feeds.open(namespace, workflowId),
  };
}

/**
 * The takes of one node, oldest first, kept up to date as takes are filed or get their thumbnail.
 * Empty while loading. Re-renders only when this node's takes change.
 */
export function useNodeTakes(
  takes: TakeService,
  workflowId: WorkflowId,
  nodeId: NodeId,
  namespace: CacheNamespace,
): readonly StoredTake[] {
  const feed = useMemo(() => takes.feed(workflowId, namespace), [takes, workflowId, namespace]);
  return useSyncExternalStore(feed.subscribe, () => feed.get(nodeId));
}

/** The namespace of the app's mode, for hooks that must re-read when it changes. */
export function useTakeNamespace(settings: SettingsStore): CacheNamespace {
  return useStore(settings, (s) => (s.mode === "demo" ? "demo" : "paid"));
}
