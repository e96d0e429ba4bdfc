import { lazy, Suspense } from "react";
import type { WorkflowNode } from "../../domain/workflow";
import type { NodeError } from "../../engine/errors";

// The advice words load with the first failure a node shows (a failure only ever comes from the run
// code, which loads after the first paint), not with the first screen.
const Words = lazy(() => import("./ErrorAdviceWords"));

/** What the user can do about a node's error (./error-words.ts), under fal's own words. */
export function ErrorAdvice({ error, node }: { error: NodeError; node: WorkflowNode }) {
  return (
    <Suspense fallback={null}>
      <Words error={error} node={node} />
    </Suspense>
  );
}
