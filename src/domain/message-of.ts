/**
 * What to say about something thrown: an Error's own message, anything else as its string form (a
 * rejected promise or a library may throw a string, a number or a plain object).
 */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
