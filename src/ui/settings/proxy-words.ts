// What the app says about the proxy: in Settings (the check's result), before a run it stops, and under a node whose
// call found no proxy. Loaded with the Settings panel, the run code or a node's error advice, never the first screen.
import { noProxyWhyWords, subPathNote, type ProxyHealth } from "../../domain/proxy-health";

/** Where the proxy was looked for: what the user typed and the page it was resolved against. */
export interface ProxyPlace {
  proxyUrl: string;
  pageUrl: string;
}

export const NO_PROXY_ADVICE =
  "Nothing was sent to fal and nothing was charged. Set Settings → Proxy URL to where your proxy runs, " +
  "or start one: " +
  "npm start serves the app with its proxy at /api/fal/proxy; for a copy on a static host, run npm run proxy " +
  "(FAL_KEY and ALLOWED_ORIGINS in its environment) and put its URL in Settings. Or switch to Demo.";

/** The advice when no proxy answers, with the sub-path note when the page is under one and the URL starts with "/". */
export function noProxyAdvice(place?: ProxyPlace): string {
  const note = place ? subPathNote(place.proxyUrl, place.pageUrl) : null;
  return note ? `${NO_PROXY_ADVICE} ${note}` : NO_PROXY_ADVICE;
}

export interface ProxyHealthWords {
  /** Short: what Settings shows first. */
  title: string;
  /** What it means and what to do. */
  detail: string;
  tone: "ok" | "warn" | "error";
}

export function proxyHealthWords(health: ProxyHealth, place?: ProxyPlace): ProxyHealthWords {
  switch (health.kind) {
    case "ready":
      return {
        title: "Proxy OK: reachable, fal key present",
        detail: `Runs go to fal through ${health.url}.`,
        tone: "ok",
      };
    case "no-key":
      return {
        title: "Proxy reachable, but it has no fal key",
        detail: `${health.message ?? "Give the proxy a FAL_KEY and restart it."} Runs stop before sending until then.`,
        tone: "error",
      };
    case "other-proxy":
      return {
        title: "A fal proxy answers (not Reelflow's)",
        detail:
          `${health.url} answered HTTP ${health.status} as a fal proxy does; ` +
          "whether it holds a fal key shows at the first run.",
        tone: "warn",
      };
    case "no-proxy":
      return {
        title: "No proxy here",
        detail: `No fal proxy at ${health.url}: ${noProxyWhyWords(health.why)} ${noProxyAdvice(place)}`,
        tone: "error",
      };
    default: {
      const _: never = health;
      return _;
    }
  }
}

/** What a run stopped by the proxy check says (the check found no proxy, or a proxy without a key). */
export function runStoppedWords(health: ProxyHealth, place?: ProxyPlace): string {
  const words = proxyHealthWords(health, place);
  return `Nothing was sent: ${words.title.charAt(0).toLowerCase()}${words.title.slice(1)}. ${words.detail}`;
}
