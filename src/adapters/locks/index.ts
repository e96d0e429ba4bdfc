/**
 * Cross-tab job ownership for the browser.
 *
 *   createWebLockLeases({ locks?, prefix?, onWait?, announcer? }) → JobLeases (engine port, EnginePorts.leases)
 *   createJobAnnouncer(name?, channel?) → settled(key), onSettled(listener), close()   (BroadcastChannel)
 *   webLocksAvailable(nav?) → navigator.locks or undefined
 *   createTabLocking({ locks?, announcer? }) → TabLocking (engine port): both of the above, as the app uses them
 */
export * from "./web-locks";
export * from "./announcer";
export * from "./tab-locking";
