import type { NodeId, WorkflowId } from "../../../domain/ids";
import type { StoredTake } from "../../../domain/take";

/**
 * The takes of one workflow, read by ONE live query however many nodes show them (a canvas
 * of 1,000 nodes asks IndexedDB once, not 1,000 times), handed out per node. A node's list keeps
 * its identity while its takes are unchanged, so a new take re-renders only its own strip.
 */
export interface TakesFeed {
  /** Current takes of a node, oldest first (a stable empty list when it has none or while loading). */
  get(nodeId: NodeId): readonly StoredTake[];
  subscribe(listener: () => void): () => void;
}

const NONE: readonly StoredTake[] = Object.freeze([]);

const sameList = (a: readonly StoredTake[], b: readonly StoredTake[]) =>
  a.length === b.length &&
  a.every((t, i) => t.key === b[i]?.key && t.thumbnailHash === b[i]?.thumbnailHash && t.createdAt === b[i]?.createdAt);

interface Feed extends TakesFeed {
  refs: number;
  stop: (() => void) | null;
}

/** Watches every take of a workflow, oldest first (DexieTakeStore.watchWorkflow); returns the stop function. */
export type WatchTakes = (
  namespace: string,
  workflowId: WorkflowId,
  next: (takes: StoredTake[]) => void,
  onError: (e: unknown) => void,
) => () => void;

/** The takes per node, each node's list kept as it was (same identity) where it has not changed. */
function groupByNode(
  all: readonly StoredTake[],
  old: ReadonlyMap<NodeId, readonly StoredTake[]>,
): Map<NodeId, readonly StoredTake[]> {
  const grouped = new Map<NodeId, StoredTake[]>();
  for (const t of all) grouped.set(t.nodeId, [...(grouped.get(t.nodeId) ?? []), t]);
  const next = new Map<NodeId, readonly StoredTake[]>();
  for (const [nodeId, list] of grouped) {
    const was = old.get(nodeId);
    next.set(nodeId, was && sameList(was, list) ? was : list);
  }
  return next;
}

/**
 * Feeds shared by (namespace, workflow), alive while someone listens. `preloaded` may hand a feed
 * its takes as it opens (read at start with the first plan, src/ui/app/start/first-plan.ts), so strips
 * show in the first frame; the live query's first answer then changes no node's list.
 */
export function createTakesFeeds(
  watch: WatchTakes,
  onError?: (e: unknown) => void,
  preloaded?: (namespace: string, workflowId: WorkflowId) => readonly StoredTake[] | undefined,
) {
  const feeds = new Map<string, Feed>();

  function open(namespace: string, workflowId: WorkflowId): Feed {
    const id = `${namespace}\u0000${workflowId}`;
    const existing = feeds.get(id);
    if (existing) return existing;
    const early = preloaded?.(namespace, workflowId);
    let byNode = early ? groupByNode(early, new Map()) : new Map<NodeId, readonly StoredTake[]>();
    const listeners = new Set<() => void>();
    const feed: Feed = {
      refs: 0,
      stop: null,
      get: (nodeId) => byNode.get(nodeId) ?? NONE,
      subscribe(listener) {
        // A holder that kept this feed past its last listener brings it back (unless a fresh one took its place).
        if (!feeds.has(id)) feeds.set(id, feed);
        listeners.add(listener);
        feed.refs += 1;
        if (!feed.stop) {
          feed.stop = watch(
            namespace,
            workflowId,
            (all) => {
              byNode = groupByNode(all, byNode);
              for (const l of [...listeners]) l();
            },
            (e) => onError?.(e),
          );
        }
        return () => {
          if (!listeners.delete(listener)) return;
          feed.refs -= 1;
          if (feed.refs === 0) {
            feed.stop?.();
            feed.stop = null;
            if (feeds.get(id) === feed) feeds.delete(id);
          }
        };
      },
    };
    feeds.set(id, feed);
    return feed;
  }

  return { open };
}
