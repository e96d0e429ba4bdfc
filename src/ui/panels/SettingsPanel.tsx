import { useState } from "react";
import { useStore } from "zustand";
import { useServices } from "../services";
import { DEFAULT_PROXY_URL } from "../settings/settings-store";
import { DefaultModelSettings } from "../retired/default-models";
import { CatalogueStatusLine } from "../models/CatalogueStatusLine";
import { ProxyStatus } from "../settings/ProxyStatus";
import { useEscapeCloses } from "./escape-closes";

/** Proxy URL and mode. Kept in this browser only; never written into workflow files. */
export default function SettingsPanel({ onClose }: { onClose(): void }) {
  useEscapeCloses(onClose);
  const { settings } = useServices();
  const st = useStore(settings);
  const [draft, setDraft] = useState(st.proxyUrl);
  const commit = () => {
    const v = draft.trim() || DEFAULT_PROXY_URL;
    setDraft(v);
    if (v !== st.proxyUrl) void st.update({ proxyUrl: v });
  };
  return (
    <aside className="side" aria-label="Settings panel">
      <h2>
        Settings{" "}
        <button type="button" aria-label="Close settings" onClick={onClose}>
          ×
        </button>
      </h2>
      <fieldset className="field" style={{ border: "none", padding: 0 }}>
        <legend className="hint">Mode</legend>
        <label>
          <input
            type="radio"
            name="mode"
            checked={st.mode === "demo"}
            onChange={() => void st.update({ mode: "demo", setupDone: true })}
          />{" "}
          Demo: simulated in this browser, $0, nothing sent
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            checked={st.mode === "fal"}
            onChange={() => void st.update({ mode: "fal", setupDone: true })}
          />{" "}
          fal: real generations through your proxy (paid)
        </label>
      </fieldset>
      <label className="field">
        <span>Proxy URL</span>
        <input
          aria-label="Proxy URL"
          value={draft}
          placeholder={DEFAULT_PROXY_URL}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === "Enter") commit();
          }}
        />
      </label>
      <ProxyStatus />
      <p className="hint">
        The fal key never enters the browser: requests go to this proxy, which adds it. <code>npm start</code> serves
        one at <code>{DEFAULT_PROXY_URL}</code> with <code>FAL_KEY</code> from the environment or{" "}
        <code>.env.local</code>. On a static host, point this at a proxy you run (<code>npm run proxy</code>, or{" "}
        <code>@fal-ai/server-proxy</code>); a URL starting with <code>/</code> is on the host&apos;s root, also when the
        app is under a sub-path. Stored on this device only, never in workflow files.
      </p>
      <label className="field">
        <span>Jobs at once</span>
        <input
          type="number"
          min={1}
          max={16}
          value={st.concurrency}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (Number.isInteger(n) && n >= 1 && n <= 16) void st.update({ concurrency: n });
          }}
        />
      </label>
      <CatalogueStatusLine />
      <DefaultModelSettings />
    </aside>
  );
}
