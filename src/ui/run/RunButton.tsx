import { useStore } from "zustand";
import { useServices } from "../services";
import type { RunPreview } from "./run-store";
import { isRunBusy } from "./run-store";

/**
 * What Run all would do now, before it is pressed: "2 paid · 1 cached · $1.20", in Demo mode
 * "2 simulated · 1 cached · $0", and when nothing would be sent, why ("all 2 cached: nothing to pay",
 * "nothing to run: add a generation node").
 */
export function previewText(p: RunPreview | null): string {
  if (!p) return "";
  if (runIsNoOp(p)) return "nothing to run: add a generation node";
  if (p.paid === 0) {
    return `${p.cached === 1 ? "1" : `all ${p.cached}`} cached: nothing to ${p.simulated ? "simulate" : "pay"}`;
  }
  if (p.simulated) return `${p.paid} simulated · ${p.cached} cached · $0`;
  return `${p.paid} paid · ${p.cached} cached · ${moneyText(p)}`;
}

/**
 * No generation node at all: Run would do nothing, so it says so and looks disabled. A graph whose results are
 * all cached is not a no-op: Run shows those results on the nodes, for free.
 */
export const runIsNoOp = (p: RunPreview | null): boolean => p !== null && p.paid === 0 && p.cached === 0;

/** "$1.20", "≤ $0.50", "$1.20 + 1 of unknown price", or "price unknown" when no job to pay for has a known price: never $0.00. */
function moneyText(p: RunPreview): string {
  const usd = `${p.upperBound ? "≤ " : ""}$${p.usd.toFixed(2)}`;
  if (p.unknownPrice === 0) return usd;
  return p.unknownPrice >= p.paid ? "price unknown" : `${usd} + ${p.unknownPrice} of unknown price`;
}

export function RunButton() {
  const { runs, runner } = useServices();
  const preview = useStore(runs, (s) => s.preview);
  const running = useStore(runs, (s) => s.busy);
  const busy = useStore(runs, isRunBusy);
  const problems = useStore(runs, (s) => s.planErrors.length);
  const detail = running
    ? "running…"
    : busy
      ? "starting…"
      : problems > 0
        ? `${problems} problem${problems === 1 ? "" : "s"} to fix`
        : previewText(preview);
  // Focusable while there is nothing to run, so its reason is still read out; a press then says it too. While
  // its run is starting it stays focusable too: a question's dialog gives the focus back to it.
  const noOp = !busy && problems === 0 && runIsNoOp(preview);
  const starting = busy && !running;
  return (
    <button
      type="button"
      className="primary run-button"
      aria-label="Run"
      aria-describedby="run-preview"
      aria-disabled={noOp || starting || undefined}
      title="Run all (Ctrl/Cmd+Enter)"
      disabled={running}
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
    <button
      type="button"
      aria-label="Stop"
      title="Cancel every running job"
      disabled={!busy}
      onClick={() => runner.stop()}
    >
      Stop
    </button>
  );
}
