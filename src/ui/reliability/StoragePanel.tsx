import { useCallback, useEffect, useState } from "react";
import type { StorageEstimate } from "../../domain/storage";
import { formatBytes } from "./format-bytes";
import type { CacheKey } from "../../domain/ids";
import { cleanupRows, describeAge, type CleanupRow, type CleanupSort } from "./cleanup-rows";
import type { StorageAccess } from "./storage-access";
import { useEscapeCloses } from "../panels/escape-closes";
import { messageOf } from "../../domain/message-of";

interface Overview {
  estimate: StorageEstimate | null;
  persisted: boolean | null;
  rows: CleanupRow[];
  /** When this overview was read: the rows' ages are told from it (a render must not read the clock). */
  now: number;
}

/**
 * Usage and quota, whether the browser promised to keep our data, and the stored results as a
 * cleanup list (largest or oldest first) with what each would cost to make again. Deleting is one
 * result at a time and only on a click: a paid result is never evicted by Reelflow on its own.
 */
export default function StoragePanel({
  storage,
  onClose,
  onRemoved,
}: {
  storage: StorageAccess;
  onClose(): void;
  onRemoved?(key: CacheKey): void;
}) {
  useEscapeCloses(onClose);
  const [sort, setSort] = useState<CleanupSort>("size");
  const [view, setView] = useState<Overview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<CacheKey | null>(null);

  const load = useCallback(async () => {
    try {
      const [estimate, persisted, list, jobs] = await Promise.all([
        storage.estimate(),
        storage.persisted(),
        storage.list(),
        storage.jobs(),
      ]);
      setView({ estimate, persisted, rows: cleanupRows(list, jobs, sort), now: Date.now() });
      setProblem(null);
    } catch (e) {
      setProblem(`Could not read this browser's storage: ${messageOf(e)}`);
    }
  }, [storage, sort]);

  useEffect(() => {
    void load();
  }, [load]);

  const remove = async (key: CacheKey) => {
    setConfirming(null);
    try {
      await storage.remove(key);
      onRemoved?.(key);
    } catch (e) {
      setProblem(`Could not delete it: ${messageOf(e)}`);
    }
    await load();
  };

  const persist = async () => {
    const outcome = await storage.requestPersist();
    if (outcome !== "granted")
      setProblem(
        outcome === "denied"
          ? "The browser declined to keep this site's data for sure (it may ask again after more use)."
          : "This browser cannot keep storage for sure.",
      );
    await load();
  };

  return (
    <aside className="side" aria-label="Storage panel">
      <h2>
        Storage{" "}
        <button type="button" aria-label="Close storage" onClick={onClose}>
          ×
        </button>
      </h2>
      {problem && (
        <p className="node-error" role="alert">
          {problem}
        </p>
      )}
      {!view ? (
        <p className="hint">Reading…</p>
      ) : (
        <>
          <p data-testid="storage-usage">
            {view.estimate
              ? `${formatBytes(view.estimate.usageBytes)} used of ${formatBytes(view.estimate.quotaBytes)} (${Math.round(view.estimate.usedFraction * 100)}%)`
              : "This browser does not say how much space is used."}
          </p>
          <p data-testid="storage-persisted">
            {view.persisted === true
              ? "Persistent: the browser will not clear these results to make room."
              : view.persisted === false
                ? "Not persistent: under pressure the browser may clear this site's data, paid videos included."
                : "This browser cannot promise to keep the data."}{" "}
            {view.persisted === false && (
              <button type="button" onClick={() => void persist()}>
                Ask to keep it
              </button>
            )}
          </p>
          <h3>Stored results ({view.rows.length})</h3>
          <label className="field">
            <span>Order</span>
            <select aria-label="Order results by" value={sort} onChange={(e) => setSort(e.target.value as CleanupSort)}>
              <option value="size">largest first</option>
              <option value="age">oldest first</option>
            </select>
          </label>
          {view.rows.length === 0 ? (
            <p className="hint">No paid results are kept in this browser.</p>
          ) : (
            <ul className="cleanup-list" aria-label="Stored results" style={{ listStyle: "none", padding: 0 }}>
              {view.rows.map((r) => (
                <li key={r.key} data-key={r.key} style={{ borderTop: "1px solid var(--line, #ddd)", padding: "6px 0" }}>
                  <div>
                    <strong>{r.label}</strong> ·{" "}
                    {r.bytes > 0 ? formatBytes(r.bytes) : "not kept here (remote URL only)"} ·{" "}
                    {describeAge(r.createdAt, view.now)}
                  </div>
                  <div className="hint">
                    To make again: {r.regenerateUsd === null ? "unknown" : `$${r.regenerateUsd.toFixed(2)}`} (
                    {r.regenerateBasis})
                  </div>
                  {confirming === r.key ? (
                    <span>
                      Delete for good
                      {r.regenerateUsd !== null ? ` (making it again costs $${r.regenerateUsd.toFixed(2)})` : ""}?{" "}
                      <button type="button" onClick={() => void remove(r.key)}>
                        Yes, delete
                      </button>{" "}
                      <button type="button" onClick={() => setConfirming(null)}>
                        Keep
                      </button>
                    </span>
                  ) : (
                    <button
                      type="button"
                      aria-label={`Delete ${r.label} result from ${describeAge(r.createdAt, view.now)}`}
                      onClick={() => setConfirming(r.key)}
                    >
                      Delete
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </aside>
  );
}
