import type { CacheKey } from "../../domain/ids";
import type { Plan } from "../../engine/plan";
import type { CachedResult } from "../../engine/ports";
import type { RunPreview, RunStoreState } from "./run-store";

/** Cache lookups by key: a result, or null for a key the cache was asked about and does not hold. */
export type Lookups = ReadonlyMap<CacheKey, CachedResult | null>;

/** What "Run all" would do with this plan and these lookups: the Run button's figures. */
export function previewOf(plan: Plan, lookups: Lookups, simulated: boolean): RunPreview {
  const p: RunPreview = { paid: 0, cached: 0, usd: 0, upperBound: false, unknownPrice: 0, simulated };
  for (const n of plan.nodes.values()) {
    if (n.role !== "generation") continue;
    if (lookups.get(n.key)) {
      p.cached += 1;
      continue;
    }
    p.paid += 1;
    if (simulated) continue;
    if (n.price.usd === null) p.unknownPrice += 1;
    else p.usd += n.price.usd;
    p.upperBound ||= n.price.upperBound;
  }
  p.usd = Math.round(p.usd * 100) / 100;
  return p;
}

/**
 * The run store's view of a plan: every node's key, the results the cache holds for them, and the
 * Run button's figures. The run controller publishes it after each plan; the start path publishes
 * the first one before storage and the run code are loaded (src/ui/app/start/first-plan.ts), from the same
 * plan, so the controller's own first plan afterwards changes nothing a node view selects.
 */
export function planView(
  plan: Plan | null,
  errors: RunStoreState["planErrors"],
  lookups: Lookups,
  simulated: boolean,
): Pick<RunStoreState, "plan" | "planErrors" | "keys" | "stored" | "preview"> {
  const keys: Record<string, CacheKey> = {};
  const stored: Record<string, CachedResult> = {};
  if (plan) {
    for (const n of plan.nodes.values()) {
      keys[n.id] = n.key;
      const hit = lookups.get(n.key);
      if (hit) stored[n.id] = hit;
    }
  }
  return { plan, planErrors: errors, keys, stored, preview: plan ? previewOf(plan, lookups, simulated) : null };
}
