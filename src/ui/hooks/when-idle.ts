/**
 * Runs `fn` at the main thread's next idle moment (at the latest after `timeoutMs`), for background
 * work that should not compete with what a page is drawing or loading right now. Returns a cancel
 * function. Without requestIdleCallback (Safari, jsdom), after the current task.
 */
export function whenIdle(fn: () => void, timeoutMs = 2000): () => void {
  if (typeof requestIdleCallback === "function") {
    const id = requestIdleCallback(() => fn(), { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  const timer = setTimeout(fn, 0);
  return () => clearTimeout(timer);
}
