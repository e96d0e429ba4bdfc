import { useStore } from "zustand";
import { useServices } from "../services";
import type { RunPreview } from "./run-store";

/** "2 paid · 1 cached · $1.20": what Run all would do now, before it is pressed. */
export function previewText(p: RunPreview | null): string {
  if (!p) return "";
  if (p.paid === 0 && p.cached === 0) return "nothing to run";
  const parts = [`${p.paid} paid`, `${p.cached} cached`];
  if (p.simulated) parts.push("$0 simulated");
  else parts.push(moneyText(p));
  return parts.join(" · ");
}

/** "$1.20", "≤ $0.50", "$1.20 + 1 of unknown price", or "price unknown" when no job to pay for has a known price: never $0.00. */
function moneyText(p: RunPreview): string {
  const usd = `${p.upperBound ? "≤ " : ""}$${p.usd.toFixed(2)}`;
  if (p.unknownPrice === 0) return usd;
  return p.unknownPrice >= p.paid ? "price unknown" : `${usd} + ${p.unknownPrice} of unknown price`;
}

export function RunButton() {
  const { runs, runner } = useServices();
  const preview = useStore(runs, (s) => s.preview);
  const busy = useStore(runs, (s) => s.busy);
  const problems = useStore(runs, (s) => s.planErrors.length);
  const detail = busy ? "running…" : problems > 0 ? `${problems} problem${problems === 1 ? "" : "s"} to fix` : previewText(preview);
  return (
    <button
      type="button"
      className="primary run-button"
      aria-label="Run"
      aria-describedby="run-preview"
      title="Run all (Ctrl/Cmd+Enter)"
      disabled={busy}
      onClick={() => void runner.runAll()}
    >
      Run
      {detail && (
        <span className="run-detail" id="run-preview" data-testid="run-preview">
          {" · "}
          {detail}
        </span>
      )}
    </button>
  );
}

export function StopButton() {
  const { runs, runner } = useServices();
  const busy = useStore(runs, (s) => s.busy);
  return (
    <button type="button" aria-label="Stop" title="Cancel every running job" disabled={!busy} onClick={() => runner.stop()}>
      Stop
    </button>
  );
}
