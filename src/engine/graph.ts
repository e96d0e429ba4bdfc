import type { NodeId } from "../domain/ids";

/**
 * Graph algorithms over node ids, kept apart from workflow semantics so plan.ts reads as rules.
 * `order` is the file order of the nodes: every result that lists nodes follows it, so messages
 * and plans are the same on every run.
 */
export interface Digraph {
  order: readonly NodeId[];
  /** source → targets (duplicates allowed; they are ignored). */
  out: ReadonlyMap<NodeId, readonly NodeId[]>;
}

/** Edges leading to nodes outside `order` (e.g. beyond a targeted run) are not part of the graph. */
const members = new WeakMap<Digraph, Set<NodeId>>();
const outOf = (g: Digraph, id: NodeId) => {
  let set = members.get(g);
  if (!set) members.set(g, (set = new Set(g.order)));
  const inside = set;
  return (g.out.get(id) ?? []).filter((t) => inside.has(t));
};

/** Kahn's algorithm, picking ready nodes in file order. Nodes on or behind a cycle are left out. */
export function topoSort(g: Digraph): { sorted: NodeId[]; blocked: NodeId[] } {
  const indeg = new Map<NodeId, number>(g.order.map((id) => [id, 0]));
  for (const id of g.order) for (const t of new Set(outOf(g, id))) indeg.set(t, (indeg.get(t) ?? 0) + 1);
  const rank = new Map(g.order.map((id, i) => [id, i]));
  // Ready nodes by file position: a min-heap keeps this O(n log n) on wide graphs.
  const ready = new MinHeap<NodeId>((id) => rank.get(id) ?? 0);
  for (const id of g.order) if (indeg.get(id) === 0) ready.push(id);
  const sorted: NodeId[] = [];
  for (let id = ready.pop(); id !== undefined; id = ready.pop()) {
    sorted.push(id);
    for (const t of new Set(outOf(g, id))) {
      const d = (indeg.get(t) ?? 0) - 1;
      indeg.set(t, d);
      if (d === 0) ready.push(t);
    }
  }
  const done = new Set(sorted);
  return { sorted, blocked: g.order.filter((id) => !done.has(id)) };
}

class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly score: (t: T) => number) {}
  push(t: T): void {
    const a = this.items;
    a.push(t);
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (this.score(a[p] as T) <= this.score(a[i] as T)) break;
      [a[p], a[i]] = [a[i] as T, a[p] as T];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.score(a[l] as T) < this.score(a[m] as T)) m = l;
        if (r < a.length && this.score(a[r] as T) < this.score(a[m] as T)) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i] as T, a[m] as T];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Every distinct cycle reachable by depth-first search, each as its nodes in edge order and
 * rotated to start at the node that comes first in the file (so "v1 → r1 → v1", not "r1 → v1 → r1").
 */
export function findCycles(g: Digraph): NodeId[][] {
  const rank = new Map(g.order.map((id, i) => [id, i]));
  const state = new Map<NodeId, "open" | "done">();
  const stack: NodeId[] = [];
  const seen = new Set<string>();
  const cycles: NodeId[][] = [];

  const visit = (id: NodeId) => {
    state.set(id, "open");
    stack.push(id);
    for (const t of new Set(outOf(g, id))) {
      const s = state.get(t);
      if (s === "open") {
        const cycle = stack.slice(stack.indexOf(t));
        let start = 0;
        cycle.forEach((n, i) => {
          if ((rank.get(n) ?? 0) < (rank.get(cycle[start] as NodeId) ?? 0)) start = i;
        });
        const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
        const sig = rotated.join("\u0000");
        if (!seen.has(sig)) {
          seen.add(sig);
          cycles.push(rotated);
        }
      } else if (s === undefined) {
        visit(t);
      }
    }
    stack.pop();
    state.set(id, "done");
  };
  for (const id of g.order) if (!state.has(id)) visit(id);
  return cycles;
}

/** The given nodes and everything they (transitively) depend on; `stopAt` nodes are kept but not walked past. */
export function withAncestors(g: Digraph, targets: readonly NodeId[], stopAt?: (id: NodeId) => boolean): Set<NodeId> {
  const incoming = new Map<NodeId, NodeId[]>();
  for (const id of g.order) for (const t of outOf(g, id)) incoming.set(t, [...(incoming.get(t) ?? []), id]);
  const result = new Set<NodeId>();
  const todo = [...targets];
  while (todo.length > 0) {
    const id = todo.pop() as NodeId;
    if (result.has(id)) continue;
    result.add(id);
    if (stopAt?.(id)) continue;
    todo.push(...(incoming.get(id) ?? []));
  }
  return result;
}

/** Everything downstream of a node (not including it). */
export function descendantsOf(g: Digraph, id: NodeId): Set<NodeId> {
  const result = new Set<NodeId>();
  const todo = [...outOf(g, id)];
  while (todo.length > 0) {
    const n = todo.pop() as NodeId;
    if (result.has(n)) continue;
    result.add(n);
    todo.push(...outOf(g, n));
  }
  return result;
}
