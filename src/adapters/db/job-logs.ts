import type { CacheKey } from "../../domain/ids";
import type { KeptJobLog, LogLine } from "../../engine/ports";
import type { CacheNamespace } from "../../domain/settings";
import type { ReelflowDb } from "./database";

/**
 * What is kept of one job's log: the newest 200 lines (as many as a run shows), each cut to 2,000 characters,
 * and no more than 32,000 characters of messages in all, so a chatty model cannot fill the disk. One row per
 * result key: running a node again replaces its log.
 */
export const JOB_LOG_LIMITS = { lines: 200, lineChars: 2_000, totalChars: 32_000 } as const;

export interface JobLogStore {
  /** Keeps `log` (cut to JOB_LOG_LIMITS), replacing an earlier one of the same key. */
  keep(log: KeptJobLog): Promise<void>;
  get(key: CacheKey): Promise<KeptJobLog | undefined>;
}

export function createJobLogStore(db: ReelflowDb, namespace: CacheNamespace): JobLogStore {
  return {
    async keep(log) {
      await db.logs.put({ ...boundedLog(log), namespace });
    },
    async get(key) {
      const row = await db.logs.get([namespace, key]);
      if (!row) return undefined;
      const { namespace: _namespace, ...log } = row;
      return log;
    },
  };
}

/** The newest lines within the limits, each cut to its own limit; the rest counted in `droppedLines`. */
export function boundedLog(log: KeptJobLog): KeptJobLog {
  const kept: LogLine[] = [];
  let chars = 0;
  for (let i = log.lines.length - 1; i >= 0 && kept.length < JOB_LOG_LIMITS.lines; i--) {
    const line = log.lines[i];
    if (!line) continue;
    const message =
      line.message.length > JOB_LOG_LIMITS.lineChars
        ? `${line.message.slice(0, JOB_LOG_LIMITS.lineChars - 1)}…`
        : line.message;
    if (chars + message.length > JOB_LOG_LIMITS.totalChars) break;
    chars += message.length;
    kept.push(message === line.message ? line : { ...line, message });
  }
  kept.reverse();
  return { ...log, lines: kept, droppedLines: log.droppedLines + (log.lines.length - kept.length) };
}
