// Settings' line about the proxy: checked at once when the panel opens in fal mode, when fal mode is chosen and when
// the Proxy URL changes; says whether it is reachable, has a fal key, or what is wrong. Part of the lazily loaded
// Settings panel.
import { useEffect } from "react";
import { useStore } from "zustand";
import { resolveProxyUrl } from "../../domain/proxy-health";
import { useServices } from "../services";
import type { ProxyHealthService } from "./proxy-health-store";
import { proxyHealthWords, type ProxyHealthWords } from "./proxy-words";

const TONE_COLOR: Record<ProxyHealthWords["tone"], string> = {
  ok: "var(--ok)",
  warn: "var(--warn)",
  error: "var(--danger)",
};

/** Checks the Proxy URL whenever fal mode and that URL are what Settings shows. */
function useCheckOnChoice(service: ProxyHealthService, fal: boolean, url: string): void {
  useEffect(() => {
    if (fal) void service.check(url);
  }, [service, fal, url]);
}

export function ProxyStatus() {
  const { settings, proxyHealth: service } = useServices();
  const mode = useStore(settings, (s) => s.mode);
  const proxyUrl = useStore(settings, (s) => s.proxyUrl);
  const { latest, checking } = useStore(service.state);
  const url = resolveProxyUrl(proxyUrl, window.location.href);
  useCheckOnChoice(service, mode === "fal", url);
  if (mode !== "fal") return <p className="hint">Demo mode does not use the proxy.</p>;

  const current = latest?.url === url ? latest : null;
  const words = current ? proxyHealthWords(current, { proxyUrl, pageUrl: window.location.href }) : null;
  return (
    <div className="field" role="status" aria-label="Proxy check" aria-busy={checking === url}>
      {checking === url || !words ? (
        <span className="hint">Checking the proxy at {url}…</span>
      ) : (
        <>
          <strong style={{ color: TONE_COLOR[words.tone] }}>{words.title}</strong>
          <span className="hint">{words.detail}</span>
        </>
      )}
      <button type="button" disabled={checking === url} onClick={() => void service.check(url)}>
        Check the proxy again
      </button>
    </div>
  );
}
