import { useStore } from "zustand";
import type { EndpointId } from "../../domain/ids";
import { isGenerationKind, NODE_KINDS, type GenerationKind, type NodeKind } from "../../domain/workflow";
import { adaptersFor, defaultAdapter, findAdapter, getDefinition } from "../../nodes/registry";
import type { AppSettings } from "../../domain/settings";
import { useServices } from "../services";

const GENERATION_KINDS: readonly GenerationKind[] = NODE_KINDS.filter(isGenerationKind);

/**
 * The endpoint a new node starts with: the one asked for (palette search picks a model), else the
 * model chosen in settings for its kind when that is still a current model of that kind, else none
 * (the editor then uses the registry default).
 */
export function endpointForNewNode(
  kind: NodeKind,
  asked: string | undefined,
  defaults: AppSettings["defaultModels"],
): string | undefined {
  if (asked) return asked;
  if (!isGenerationKind(kind)) return undefined;
  const chosen = defaults[kind];
  const adapter = chosen ? findAdapter(chosen) : undefined;
  return adapter && adapter.kind === kind && !adapter.retired ? adapter.endpoint : undefined;
}

/** Settings: "Default model" per generation kind, current models only. */
export function DefaultModelSettings() {
  const { settings } = useServices();
  const defaults = useStore(settings, (s) => s.defaultModels);
  return (
    <fieldset className="field" style={{ border: "none", padding: 0 }}>
      <legend className="hint">Default model for new nodes</legend>
      {GENERATION_KINDS.map((kind) => {
        const current = adaptersFor(kind).filter((a) => !a.retired);
        const value = endpointForNewNode(kind, undefined, defaults) ?? defaultAdapter(kind).endpoint;
        const title = getDefinition(kind).title;
        return (
          <label className="field" key={kind}>
            <span>Default model: {title}</span>
            <select
              aria-label={`Default model: ${title}`}
              value={value}
              onChange={(e) =>
                void settings
                  .getState()
                  .update({ defaultModels: { ...defaults, [kind]: e.target.value as EndpointId } })
              }
            >
              {current.map((a) => (
                <option key={a.endpoint} value={a.endpoint}>
                  {a.label}
                </option>
              ))}
            </select>
          </label>
        );
      })}
    </fieldset>
  );
}
