/**
 * The spend ledger's line format now lives in src/domain/spend.ts, shared with the browser;
 * this module re-exports it so existing imports keep working. The file format is documented
 * in ./spend-ledger.ts.
 */
export {
  parseCsv,
  parseSpendLedger,
  SPEND_LEDGER_COLUMNS,
  SPEND_LEDGER_HEADER,
  SPEND_OUTCOMES,
  spendRecordToCsvLine,
} from "../../domain/spend";
export type { SpendOutcome, SpendRecord } from "../../domain/spend";
