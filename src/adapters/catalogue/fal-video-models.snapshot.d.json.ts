// The type of fal-video-models.snapshot.json for TypeScript (allowArbitraryExtensions): without it, every
// typecheck would infer a type for ~2 MB of JSON (≈30 s). snapshot.ts checks the envelope at run time.
declare const snapshot: unknown;
export default snapshot;
