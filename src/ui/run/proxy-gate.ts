// Before any question a fal run asks (retired models, unknown prices, the budget): the proxy is checked, and a run
// it could not carry to fal (no proxy at the URL, or a proxy without a fal key) stops there, saying why and what to
// do. Nothing is sent. A run with nothing to send (all cached) or in Demo mode is not held up by a check.
import type { CachedResult } from "../../engine/ports";
import type { Plan } from "../../engine/plan";
import type { NodeId } from "../../domain/ids";
import { stopsRuns, type ProxyHealth } from "../../domain/proxy-health";
import { runStoppedWords, type ProxyPlace } from "../settings/proxy-words";
import type { RunEnvironment, RunNotices } from "./run-controller";

/** What RunEnvironment.checkProxy answers: the check of the Proxy URL of now, and where it was looked for. */
export interface ProxyCheckOfRun {
  health: ProxyHealth;
  place: ProxyPlace;
}

/** Whether the plan sends anything: a generation node with no result, within `onlyThis` when given. */
type Lookups = ReadonlyMap<string, CachedResult | null>;

function sendsAnything(plan: Plan, lookups: Lookups, onlyThis: NodeId | null): boolean {
  const sends = (n: { role: string; key: string; id: NodeId }) =>
    n.role === "generation" && !lookups.get(n.key) && (!onlyThis || n.id === onlyThis);
  return [...plan.nodes.values()].some(sends);
}

/** True when the run must stop here (the user was told why); false to go on. */
export async function proxyStopsRun(
  env: RunEnvironment,
  notices: RunNotices,
  plan: Plan,
  lookups: Lookups,
  onlyThis: NodeId | null,
): Promise<boolean> {
  if (!env.checkProxy || env.simulated() || !sendsAnything(plan, lookups, onlyThis)) return false;
  const { health, place } = await env.checkProxy();
  if (!stopsRuns(health)) return false;
  notices.say(runStoppedWords(health, place), "error");
  return true;
}
