/**
 * A stand-in IntersectionObserver (jsdom has none) whose test says when an element comes on screen:
 * `installFakeObserver()` before each test, then `FakeObserver.all[i].show()`.
 */
export class FakeObserver {
  static all: FakeObserver[] = [];
  observed: Element[] = [];
  disconnected = false;
  constructor(private readonly cb: IntersectionObserverCallback) {
    FakeObserver.all.push(this);
  }
  observe(el: Element) {
    this.observed.push(el);
  }
  disconnect() {
    this.disconnected = true;
  }
  unobserve() {}
  takeRecords() {
    return [];
  }
  show() {
    this.cb(
      this.observed.map((target) => ({ target, isIntersecting: true }) as IntersectionObserverEntry),
      this as unknown as IntersectionObserver,
    );
  }
}

/** Makes FakeObserver the page's IntersectionObserver, with none made yet. */
export function installFakeObserver(): void {
  FakeObserver.all = [];
  (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver = FakeObserver;
}
