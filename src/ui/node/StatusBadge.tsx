import { useEffect, useState } from "react";
import type { NodeDisplay } from "../run/node-status";

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const s = Math.max(0, Math.round((now - since) / 1000));
  return <>{s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`}</>;
}

/** idle · queued #2 · running 12s · succeeded · cached · failed · skipped */
export function StatusBadge({ display }: { display: NodeDisplay }) {
  const { status } = display;
  let text: React.ReactNode;
  switch (status) {
    case "idle":
      text = display.stale ? "changed" : "idle";
      break;
    case "queued":
      text =
        display.detail === "submitting"
          ? "sending…"
          : display.queuePosition !== null
            ? `queued · #${display.queuePosition + 1}`
            : "queued";
      // Re-attached to a job sent before a reload: say so, it was not sent again.
      if (display.detail === "resumed") text = <>resumed · {text}</>;
      break;
    case "running":
      text = display.startedAt ? (
        <>
          running · <Elapsed since={display.startedAt} />
        </>
      ) : (
        "running"
      );
      break;
    case "succeeded":
      text = "succeeded";
      break;
    case "cached":
      text = "cached";
      break;
    case "failed":
      text = display.detail === "cancelled" ? "cancelled" : "failed";
      break;
    case "skipped":
      text = "skipped";
      break;
    default: {
      const _: never = status;
      text = _;
    }
  }
  return (
    <span className={`badge ${status}`} data-testid="status-badge">
      {text}
    </span>
  );
}
