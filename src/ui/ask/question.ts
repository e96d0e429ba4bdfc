/** A question the app asks before doing what cannot be taken back (sending paid jobs, deleting for good). */
export interface Question {
  /** The dialog's name: the question itself ("Send to retired models?"). */
  title: string;
  /** What the person needs to answer it; may hold several lines ("• clip: Sora 2, retired 2026-09-24"). */
  body: string;
  /** Says what yes does ("Send anyway", "Delete for good"), never a bare "OK". */
  confirmLabel: string;
  /**
   * The answer Enter gives, and where the focus starts. "cancel" when yes spends an unknown amount or loses data
   * for good, so a reflexive Enter does nothing that cannot be undone.
   */
  defaultChoice: "confirm" | "cancel";
  /** The confirm button reads as destructive. */
  danger?: boolean;
}
