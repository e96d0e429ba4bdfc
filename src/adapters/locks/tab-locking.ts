import type { TabLocking } from "../../engine/ports";
import { createJobAnnouncer } from "./announcer";
import { createWebLockLeases, webLocksAvailable, type LockManagerLike } from "./web-locks";

/**
 * The browser's TabLocking: Web Locks leases (none where the browser lacks them) and a BroadcastChannel announcer.
 * Tests hand in their own lock manager and channel name.
 */
export function createTabLocking(
  opts: { locks?: LockManagerLike; announcer?: TabLocking["announcer"] } = {},
): TabLocking {
  const announcer = opts.announcer ?? createJobAnnouncer();
  const locks = opts.locks ?? webLocksAvailable();
  return {
    announcer,
    leases: (prefix, onWait) => (locks ? createWebLockLeases({ locks, prefix, onWait, announcer }) : null),
  };
}
