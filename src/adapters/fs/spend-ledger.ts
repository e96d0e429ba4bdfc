import { randomBytes } from "node:crypto";
import { access, appendFile, link, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { isNotFound } from "./atomic-write";
import type { SpendRecord } from "./spend-csv";
import { parseSpendLedger, SPEND_LEDGER_HEADER, spendRecordToCsvLine } from "./spend-csv";

/**
 * Spend ledger on disk: `<cache dir>/spend-ledger.csv`, one row per job that was submitted to fal
 * (so may have cost money), appended when the job ends. The browser exports its ledger in the same
 * format, so the two can be concatenated (drop the second header) and summed together.
 *
 * Format (UTF-8, RFC 4180 CSV, `\n` line ends, first line is the header):
 *
 *   time,workflow,node,endpoint,seconds,estimated_cost_usd,outcome,request_id,cache_key,source
 *
 *   time                ISO 8601 UTC instant the job ended, e.g. 2026-11-25T10:02:03.123Z
 *   workflow            the workflow's `name`
 *   node                node id in that workflow
 *   endpoint            fal endpoint id, e.g. fal-ai/sora-2/text-to-video/pro
 *   seconds             seconds of video requested (or made); empty when unknown
 *   estimated_cost_usd  pre-flight estimate, 4 decimals, e.g. 0.4000; empty when the price is unknown
 *   outcome             succeeded | failed | cancelled | unknown (submit outcome lost; may have been charged)
 *   request_id          fal's request id; empty when the submit never returned one
 *   cache_key           the node's content key (joins the row to the result cache)
 *   source              cli | browser
 *
 * Optional column after these, present only in files where some row has it (the browser's export
 * of sweep jobs): `note`, in words what set the job apart, e.g. "sweep: duration = 8". This file is
 * written with the base columns above (the CLI runs no sweeps).
 *
 * Readers find columns by header name; new columns are only ever added at the end.
 * Rows are appended with one write each (O_APPEND), so concurrent CLI runs interleave whole lines;
 * the file comes into being with its header already in it (see ensureWithHeader).
 */

export const SPEND_LEDGER_FILE = "spend-ledger.csv";

export interface FsSpendLedger {
  readonly path: string;
  append(record: SpendRecord): Promise<void>;
  read(): Promise<{ records: SpendRecord[]; errors: string[] }>;
}

export function createFsSpendLedger(cacheDir: string): FsSpendLedger {
  const path = join(cacheDir, SPEND_LEDGER_FILE);

  return {
    path,
    async append(record) {
      await ensureWithHeader(cacheDir, path);
      await appendFile(path, `${spendRecordToCsvLine(record)}\n`);
    },
    async read() {
      try {
        return parseSpendLedger(await readFile(path, "utf8"));
      } catch (e) {
        if (isNotFound(e)) return { records: [], errors: [] };
        throw e;
      }
    },
  };
}

/**
 * Makes the file, holding just the header line, unless it exists. It appears with its header in one
 * step (a temp file hard-linked into place; the link fails if the file is there already), so a row
 * appended at the same moment, by this process or another, can never come before the header or be
 * overwritten by it (creating the file empty and then writing the header lost such rows).
 */
async function ensureWithHeader(dir: string, path: string): Promise<void> {
  try {
    await access(path);
    return;
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  await mkdir(dir, { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(tmp, `${SPEND_LEDGER_HEADER}\n`, { flag: "wx" });
  const exists = (e: unknown) => (e as { code?: unknown }).code === "EEXIST";
  try {
    await link(tmp, path);
  } catch (e) {
    if (!exists(e)) {
      // A file system without hard links (FAT, some network shares): create it with the header in one
      // write instead; the narrow race above is back there, a refused ledger would be worse.
      await writeFile(path, `${SPEND_LEDGER_HEADER}\n`, { flag: "wx" }).catch((e2: unknown) => {
        if (!exists(e2)) throw e2;
      });
    }
  } finally {
    await rm(tmp, { force: true });
  }
}

export type { SpendOutcome, SpendRecord } from "./spend-csv";
