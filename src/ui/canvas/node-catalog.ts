import type { EndpointId } from "../../domain/ids";
import { NODE_KINDS, isGenerationKind, type NodeKind } from "../../domain/workflow";
import { adaptersFor, getDefinition } from "../../nodes/registry";
import type { PortType } from "../../nodes/types";

/** One thing the palette or search box can add: a kind, or a kind with a chosen model. */
export interface CatalogEntry {
  key: string;
  kind: NodeKind;
  endpoint?: EndpointId;
  title: string;
  description: string;
  /** Lower-case words the search matches. */
  haystack: string;
}

export function catalog(): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (const kind of NODE_KINDS) {
    const def = getDefinition<NodeKind>(kind);
    out.push({
      key: kind,
      kind,
      title: def.title,
      description: def.description,
      haystack: `${def.title} ${kind} ${def.description}`.toLowerCase(),
    });
    if (!isGenerationKind(kind)) continue;
    // Current models first; retired ones stay findable (old files, cached results) but come last.
    const models = adaptersFor(kind);
    for (const a of [...models.filter((m) => !m.retired), ...models.filter((m) => m.retired)]) {
      const title = `${def.title} · ${a.label}${a.retired ? " (retired)" : ""}`;
      out.push({
        key: `${kind}:${a.endpoint}`,
        kind,
        endpoint: a.endpoint,
        title,
        description: a.endpoint,
        haystack: `${title} ${a.family} ${a.variant} ${a.endpoint}`.toLowerCase(),
      });
    }
  }
  return out;
}

/** Which side of a new node a dangling wire would attach to, and with what type. */
export interface WireEnd {
  /** "source": the wire starts at an output, so the new node needs an input of `type`. */
  from: "source" | "target";
  type: PortType;
}

/** The port of `kind` that takes (or gives) `end.type`, if any. */
export function portFor(kind: NodeKind, end: WireEnd): string | undefined {
  const def = getDefinition<NodeKind>(kind);
  const ports = end.from === "source" ? def.inputs : def.outputs;
  return Object.entries(ports).find(([, p]) => p.type === end.type)?.[0];
}

export function searchCatalog(entries: readonly CatalogEntry[], query: string, wire: WireEnd | null): CatalogEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter(
    (e) => (!wire || portFor(e.kind, wire) !== undefined) && words.every((w) => e.haystack.includes(w)),
  );
}
