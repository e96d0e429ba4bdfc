import type { NodeId } from "../domain/ids";
import type { RunEvent } from "../engine/events";
import type { CachedResult } from "../engine/ports";
import type { RunState } from "../engine/run-state";
import type { ModelAdapter } from "../nodes/types";
import { plural, priceParts, tallyOf, tallyText, usd, type Tally } from "./amounts";
import { mediaFileOf } from "../nodes/results";
import type { Preflight } from "./preflight";

/**
 * Progress for people: one line per node each time its status changes, then a summary. Lines
 * start with the node id so `grep v1` follows one node. Repeated updates that change nothing
 * (same queue position, log lines while nothing else moves) are folded to keep the output short.
 */

export interface HumanPrinterDeps {
  write(line: string): void;
  /** Path to show for a stored video (relative to where the user stands), when it was downloaded. */
  fileOf(result: CachedResult): string | undefined;
}

const LOG_LINE_MAX = 100;

export function createHumanPrinter(deps: HumanPrinterDeps): (ev: RunEvent) => void {
  const lastPosition = new Map<NodeId, number | null>();
  const running = new Set<NodeId>();
  const width = { id: 4 };
  const line = (id: NodeId, status: string, detail = "") => {
    width.id = Math.max(width.id, id.length);
    deps.write(`${id.padEnd(width.id)}  ${status.padEnd(9)}${detail ? `  ${detail}` : ""}`.trimEnd());
  };
  const fileNote = (r: CachedResult) => {
    const f = deps.fileOf(r);
    return f ?? `${mediaFileOf(r.result)?.url ?? "(no file)"}${r.mediaError ? ` (${r.mediaError})` : ""}`;
  };

  return (ev) => {
    switch (ev.type) {
      case "run-started":
        for (const id of ev.nodeIds) width.id = Math.max(width.id, id.length);
        return;
      case "queued":
        return line(ev.nodeId, "queued");
      case "submitting":
        return;
      case "submitted":
        return line(ev.nodeId, "submitted", `${ev.endpoint}  request ${ev.requestId}`);
      case "resumed":
        return line(
          ev.nodeId,
          "resumed",
          `${ev.endpoint}  request ${ev.requestId} (sent by an earlier run, not sent again)`,
        );
      case "queue-position":
        if (lastPosition.get(ev.nodeId) === ev.position) return;
        lastPosition.set(ev.nodeId, ev.position);
        return line(ev.nodeId, "in queue", ev.position === null ? "" : `position ${ev.position}`);
      case "running":
        if (running.has(ev.nodeId)) return;
        running.add(ev.nodeId);
        return line(ev.nodeId, "running");
      case "logs": {
        const last = ev.lines[ev.lines.length - 1]?.message.trim();
        if (!last) return;
        return line(ev.nodeId, "log", last.length > LOG_LINE_MAX ? `${last.slice(0, LOG_LINE_MAX - 1)}…` : last);
      }
      case "succeeded":
        return line(ev.nodeId, "succeeded", `${fileNote(ev.result)}  (${usd(ev.result.costUsd)})`);
      case "cached":
        return line(ev.nodeId, "cached", `${fileNote(ev.result)}  (not paid again)`);
      case "failed":
        line(
          ev.nodeId,
          "failed",
          `${ev.error.message}${ev.error.mayHaveBeenCharged && ev.error.code !== "submit-unknown" ? " (fal may have charged for this attempt)" : ""}`,
        );
        // The CLI's "Submit again": never automatic, since the lost job may be running and billed.
        if (ev.error.code === "submit-unknown")
          line(ev.nodeId, "", `to send it again, rerun with --resubmit ${ev.nodeId}`);
        return;
      case "skipped":
        return line(ev.nodeId, "skipped", `because ${ev.because} did not produce a result`);
      case "cancelled":
        return line(ev.nodeId, "cancelled");
      case "run-finished":
        return;
      default: {
        const _: never = ev;
        return _;
      }
    }
  };
}

/**
 * The closing lines of a run: what happened, what it cost, what was saved by the cache, and where the results are.
 * A run that produced nothing (every job failed, none served from the cache) points at no results folder:
 * there is nothing of this run to find there. `stored` counts results kept some other way (an earlier run's job
 * resumed and stored).
 */
export function summaryLines(
  state: RunState,
  opts: { cacheDir: string; interrupted: boolean; stored?: number },
): string[] {
  const counts = { succeeded: 0, cached: 0, failed: 0, skipped: 0, cancelled: 0 };
  const paid: (number | null)[] = [];
  const saved: (number | null)[] = [];
  let resumed = 0;
  let uncertain = 0;
  for (const n of Object.values(state.nodes)) {
    if (n.status === "failed" && n.error?.code === "submit-unknown") uncertain += 1;
    if (n.status in counts) counts[n.status as keyof typeof counts] += 1;
    if (n.status === "succeeded" && n.result) paid.push(n.result.costUsd);
    if (n.status === "cached" && n.result) saved.push(n.result.costUsd);
    if (n.resumed) resumed += 1;
  }
  const parts = [
    `${counts.succeeded} succeeded`,
    `${counts.cached} cached`,
    counts.failed ? `${counts.failed} failed` : "",
    counts.skipped ? `${counts.skipped} skipped` : "",
    counts.cancelled ? `${counts.cancelled} cancelled` : "",
  ].filter(Boolean);
  const lines = [
    `${opts.interrupted ? "Interrupted" : "Done"}: ${parts.join(", ")}.`,
    `Paid (estimated): ${tallyText(tallyOf(paid))} for ${state.totals.submitted} job(s) sent${resumed ? ` and ${resumed} resumed` : ""}; ` +
      `cache saved ${savedText(tallyOf(saved))}.` +
      (uncertain ? ` ${uncertain} job(s) whose submit answer was lost may also have been charged.` : ""),
  ];
  if (counts.succeeded + counts.cached + (opts.stored ?? 0) > 0) lines.push(`Results and videos: ${opts.cacheDir}`);
  return lines;
}

/**
 * What a real run prints before it sends anything: each node it will pay for, with its price (or "price unknown",
 * never $0.00), then one total line: "Will pay: $1.20 for 2 jobs · 1 cached (free)", "$0.40 + 1 of unknown price"
 * when some price is unknown. Lines start with the node id, like the progress lines that follow.
 */
export function billLines(pre: Preflight): string[] {
  const width = Math.max(4, ...pre.entries.map((e) => e.node.id.length));
  const lines: string[] = [];
  const count = { planned: 0, cached: 0, resume: 0, unavailable: 0 };
  for (const e of pre.entries) {
    count[e.status] += 1;
    if (e.status !== "planned") continue;
    const { amount, basis } = priceParts(e.node.price);
    const take = e.node.newTake ? "new take: paid on purpose; " : "";
    lines.push(
      `${e.node.id.padEnd(width)}  ${"to pay".padEnd(9)}  ${e.node.endpoint}  ${amount ? `${amount}  ` : ""}${take}${basis}`,
    );
  }
  const unknown = pre.unknownPrice.length;
  const pay =
    count.planned === 0
      ? "nothing"
      : `${tallyText({ knownUsd: pre.totalUsd, known: count.planned - unknown, unknown, upperBound: pre.upperBound })} for ${plural(count.planned, "job")}`;
  const rest = [
    count.cached ? `${count.cached} cached (free)` : "",
    count.resume ? `${count.resume} resumed (paid by an earlier run)` : "",
    count.unavailable
      ? `${count.unavailable} pinned take${count.unavailable === 1 ? "" : "s"} missing (will fail)`
      : "",
  ].filter(Boolean);
  lines.push(`Will pay: ${[pay, ...rest].join(" · ")}`);
  return lines;
}

/** "$1.20", "$1.20 + 1 of unknown price", or for cached results none of which had a price "an unknown amount". */
const savedText = (t: Tally): string => (t.unknown > 0 && t.known === 0 ? "an unknown amount" : tallyText(t));

/** What --dry-run prints: each generation node, planned or cached, and the total to be paid. */
export function dryRunLines(pre: Preflight): string[] {
  const width = Math.max(4, ...pre.entries.map((e) => e.node.id.length));
  const lines = pre.entries.map((e) => {
    const head = `${e.node.id.padEnd(width)}  `;
    switch (e.status) {
      case "planned": {
        const take = e.node.newTake ? "new take: paid on purpose; " : "";
        const { amount, basis } = priceParts(e.node.price);
        return `${head}${"planned".padEnd(9)}  ${e.node.endpoint}  ${amount ? `${amount}  ` : ""}${take}${basis}${originNote(e.node.adapter)}`;
      }
      case "cached":
        return `${head}${"cached".padEnd(9)}  ${e.node.endpoint}  $0.00 (from cache)`;
      case "resume":
        return `${head}${"resume".padEnd(9)}  ${e.node.endpoint}  $0.00 (request ${e.requestId}, sent and paid by an earlier run)`;
      case "unavailable":
        return `${head}${"missing".padEnd(9)}  ${e.node.endpoint}  $0.00 (pinned take no longer stored here: would fail; unpin it to make a new one)`;
      default: {
        const _: never = e;
        return _;
      }
    }
  });
  const unknown = pre.unknownPrice.length;
  const known = pre.entries.filter((e) => e.status === "planned").length - unknown;
  const total =
    unknown > 0 && known === 0
      ? `an unknown amount: ${plural(unknown, "node")} of unknown price`
      : tallyText({ knownUsd: pre.totalUsd, known, unknown, upperBound: pre.upperBound });
  lines.push(`Dry run, nothing sent. Would pay ${total}.`);
  if (unknown > 0)
    lines.push(
      "A run asks before sending nodes of unknown price (without a terminal it refuses, unless --allow-unknown-price).",
    );
  return lines;
}

/** Where a catalogue model's schema and price were read; curated models say nothing. */
function originNote(adapter: ModelAdapter): string {
  const origin = adapter.origin;
  if (!origin || origin.kind === "curated") return "";
  return `  [fal schema, ${origin.from === "live" ? "live catalogue" : "bundled snapshot"} of ${origin.date}]`;
}
