/**
 * Cross-tab job ownership for the browser.
 *
 *   createWebLockLeases({ locks?, prefix?, onWait?, announcer? }) → JobLeases (engine port, EnginePorts.leases)
 *   createJobAnnouncer(name?, channel?) → settled(key), onSettled(listener), close()   (BroadcastChannel)
 *   webLocksAvailable(nav?) → navigator.locks or undefined
 */
export * from "./web-locks";
export * from "./announcer";
