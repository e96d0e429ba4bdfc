/**
 * The spend ledger's record and line format, shared by the CLI (appends to
 * `<cache dir>/spend-ledger.csv`, see src/adapters/fs/spend-ledger.ts for the documented format)
 * and the browser (keeps records in IndexedDB and exports them as the same CSV). Pure: no I/O,
 * safe to import anywhere, so both sides write and read exactly one format.
 */

export const SPEND_LEDGER_COLUMNS = [
  "time",
  "workflow",
  "node",
  "endpoint",
  "seconds",
  "estimated_cost_usd",
  "outcome",
  "request_id",
  "cache_key",
  "source",
] as const;

/**
 * Columns a file has only when some row uses them, always after the base ones: readers find columns
 * by name, so files and readers from before them keep working. `note`: what set a job apart that
 * the other columns do not say, e.g. the value a sweep gave it ("sweep: duration = 8").
 */
export const SPEND_LEDGER_OPTIONAL_COLUMNS = ["note"] as const;

export type SpendLedgerColumn = (typeof SPEND_LEDGER_COLUMNS)[number] | (typeof SPEND_LEDGER_OPTIONAL_COLUMNS)[number];

export const SPEND_OUTCOMES = ["succeeded", "failed", "cancelled", "unknown"] as const;
export type SpendOutcome = (typeof SPEND_OUTCOMES)[number];

/** One submitted job. Jobs never submitted (refused before sending, cached) are not spend. */
export interface SpendRecord {
  /** ISO 8601 UTC, when the job ended. */
  time: string;
  workflow: string;
  node: string;
  endpoint: string;
  /** Seconds of video asked for (or made), when known. */
  seconds: number | null;
  /** The pre-flight estimate in USD; null when the price is unknown. */
  estimatedCostUsd: number | null;
  outcome: SpendOutcome;
  requestId: string | null;
  cacheKey: string;
  /** Who wrote the row: "cli" or "browser". */
  source: string;
  /** In words, what set this job apart (a sweep's value); the `note` column. */
  note?: string;
}

export const SPEND_LEDGER_HEADER = SPEND_LEDGER_COLUMNS.join(",");

/** RFC 4180: quote a field holding a comma, quote or line break; double inner quotes. */
function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One CSV line of a record; `columns`: those of the file it goes into (the base ones by default). */
export function spendRecordToCsvLine(
  r: SpendRecord,
  columns: readonly SpendLedgerColumn[] = SPEND_LEDGER_COLUMNS,
): string {
  const cells: Record<SpendLedgerColumn, string> = {
    time: r.time,
    workflow: r.workflow,
    node: r.node,
    endpoint: r.endpoint,
    seconds: r.seconds === null ? "" : String(r.seconds),
    estimated_cost_usd: r.estimatedCostUsd === null ? "" : r.estimatedCostUsd.toFixed(4),
    outcome: r.outcome,
    request_id: r.requestId ?? "",
    cache_key: r.cacheKey,
    source: r.source,
    note: r.note ?? "",
  };
  return columns.map((c) => csvField(cells[c])).join(",");
}

/** Split CSV text into rows of fields (RFC 4180, quoted fields may hold line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Read a spend ledger. Columns are found by header name, so a later version may add columns
 * (at the end) without breaking older readers. Rows that cannot be read are reported, not dropped silently.
 */
export function parseSpendLedger(text: string): { records: SpendRecord[]; errors: string[] } {
  const rows = parseCsv(text).filter((r) => !(r.length === 1 && r[0] === ""));
  const header = rows[0];
  if (!header) return { records: [], errors: [] };
  const col = new Map(header.map((name, i) => [name, i]));
  const missing = SPEND_LEDGER_COLUMNS.filter((c) => c !== "source" && !col.has(c));
  if (missing.length > 0) return { records: [], errors: [`spend ledger header lacks ${missing.join(", ")}`] };
  const records: SpendRecord[] = [];
  const errors: string[] = [];
  rows.slice(1).forEach((cells, i) => {
    const get = (c: SpendLedgerColumn) => {
      const at = col.get(c);
      return at === undefined ? "" : (cells[at] ?? "");
    };
    const num = (s: string) => (s === "" ? null : Number(s));
    const outcome = get("outcome");
    const seconds = num(get("seconds"));
    const cost = num(get("estimated_cost_usd"));
    if (!(SPEND_OUTCOMES as readonly string[]).includes(outcome) || Number.isNaN(seconds) || Number.isNaN(cost)) {
      errors.push(`spend ledger line ${i + 2} cannot be read`);
      return;
    }
    records.push({
      time: get("time"),
      workflow: get("workflow"),
      node: get("node"),
      endpoint: get("endpoint"),
      seconds,
      estimatedCostUsd: cost,
      outcome: outcome as SpendOutcome,
      requestId: get("request_id") || null,
      cacheKey: get("cache_key"),
      source: get("source"),
      ...(get("note") ? { note: get("note") } : {}),
    });
  });
  return { records, errors };
}

/** Whole CSV text (header first, `\n` line ends) of some records, as the CLI's file holds them (plus `note` when a row has one). */
export function spendRecordsToCsv(records: readonly SpendRecord[]): string {
  const columns: readonly SpendLedgerColumn[] = records.some((r) => r.note)
    ? [...SPEND_LEDGER_COLUMNS, ...SPEND_LEDGER_OPTIONAL_COLUMNS]
    : SPEND_LEDGER_COLUMNS;
  return [columns.join(","), ...records.map((r) => spendRecordToCsvLine(r, columns))].join("\n") + "\n";
}

export interface SpendTotal {
  /**
   * Estimated USD of every row, whatever its outcome: we cannot know what fal billed for a job
   * that failed there or was cancelled while running, so a budget counts it, erring towards
   * spending less than the cap, never more.
   */
  usd: number;
  /** Rows (jobs submitted), whatever their outcome. */
  jobs: number;
  /** Rows whose price was unknown: their cost is not in `usd`. */
  unknownPrice: number;
}

const emptyTotal = (): SpendTotal => ({ usd: 0, jobs: 0, unknownPrice: 0 });

/** Money figures are kept to the tenth of a cent, like the plan's estimate, so sums do not drift. */
export const roundUsd = (v: number): number => Math.round(v * 1000) / 1000;

function addTo(t: SpendTotal, r: SpendRecord): void {
  t.jobs += 1;
  if (r.estimatedCostUsd === null) t.unknownPrice += 1;
  else t.usd = roundUsd(t.usd + r.estimatedCostUsd);
}

/** Totals of some records grouped by a key (day, workflow…), in first-seen order. */
export function spendTotalsBy<R extends SpendRecord>(
  records: Iterable<R>,
  keyOf: (r: R) => string,
): Map<string, SpendTotal> {
  const out = new Map<string, SpendTotal>();
  for (const r of records) {
    const k = keyOf(r);
    let t = out.get(k);
    if (!t) out.set(k, (t = emptyTotal()));
    addTo(t, r);
  }
  return out;
}

export function spendTotal(records: Iterable<SpendRecord>): SpendTotal {
  const t = emptyTotal();
  for (const r of records) addTo(t, r);
  return t;
}

/** The UTC day of a record ("2026-11-25"): days are UTC so the CLI and the browser agree on them. */
export const spendDay = (r: SpendRecord): string => r.time.slice(0, 10);
