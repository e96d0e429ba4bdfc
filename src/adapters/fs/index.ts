export { createFsResultCache } from "./result-cache";
export type { FsResultCache, FsResultCacheOptions } from "./result-cache";
export { createFsJobLedger, isFinishedJob } from "./job-ledger";
export type { FsJobLedger, FsJobLedgerOptions } from "./job-ledger";
export { createFsSpendLedger, SPEND_LEDGER_FILE } from "./spend-ledger";
export type { FsSpendLedger } from "./spend-ledger";
export { parseSpendLedger, SPEND_LEDGER_COLUMNS, SPEND_LEDGER_HEADER, spendRecordToCsvLine } from "./spend-csv";
export type { SpendOutcome, SpendRecord } from "./spend-csv";
export { writeFileAtomic } from "./atomic-write";
