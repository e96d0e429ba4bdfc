/** Ref callback: a dialog takes the focus when it opens, so Escape closes it at once and screen readers land in it. */
export function focusOnMount(el: HTMLElement | null): void {
  if (el && !el.contains(document.activeElement)) el.focus({ preventScroll: true });
}
