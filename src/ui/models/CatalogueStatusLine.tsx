import { useEffect, useState } from "react";
import { useStore } from "zustand";
import { useServices } from "../services";
import { messageOf } from "../../domain/message-of";

/**
 * Settings: which model catalogue is in use (the bundled snapshot and its date, fal's live catalogue and how it
 * last answered). The catalogue code is not fetched just to open Settings: until something loaded it, the line
 * says what will be used, and the button loads it (and, in fal mode, asks fal again now).
 */
export function CatalogueStatusLine() {
  const { models, settings } = useServices();
  const mode = useStore(settings, (s) => s.mode);
  const proxyUrl = useStore(settings, (s) => s.proxyUrl);
  const [text, setText] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    setText(null);
    if (models?.loaded()) {
      void models
        .current()
        .then((c) => c.describe())
        .then(
          (t) => live && setText(t),
          (e: unknown) => live && setText(`Model catalogue: it could not be read (${messageOf(e)}).`),
        );
    }
    return () => {
      live = false;
    };
  }, [models, mode, proxyUrl]);
  if (!models) return null;

  const check = async () => {
    setBusy(true);
    try {
      const catalogue = await models.current();
      if (mode === "fal") await catalogue.refresh();
      setText(await catalogue.describe());
    } catch (e) {
      setText(`Model catalogue: it could not be read (${messageOf(e)}). Reload the page to try again.`);
    } finally {
      setBusy(false);
    }
  };
  const idle =
    mode === "demo"
      ? "Model catalogue: the bundled snapshot of fal's video and image models (Demo mode simulates every model in it)."
      : "Model catalogue: curated models, plus fal's catalogue through this proxy when a model needs it (the bundled snapshot until fal answers).";
  return (
    <div className="field" data-testid="catalogue-status">
      <span className="hint" role="status" aria-live="polite">
        {busy ? "Asking fal's catalogue…" : (text ?? idle)}
      </span>
      <button type="button" disabled={busy} onClick={() => void check()}>
        {mode === "fal" ? "Check fal's catalogue now" : "Show the snapshot's date"}
      </button>
    </div>
  );
}
