// A node hook rendered the way a node view renders it, counting its renders: for the tests that a node re-renders
// only when what it shows can change.
import { renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { buildServices, textToVideoWorkflow, Wrap } from "../harness";

/** Renders `useHook` on the harness services of one Sora 2 text-to-video node "v1"; `renders()` counts its renders. */
export function renderCounted<T>(useHook: () => T) {
  const services = buildServices({ doc: textToVideoWorkflow([{ id: "v1", endpoint: "fal-ai/sora-2/text-to-video" }]) });
  let renders = 0;
  const hook = renderHook(
    () => {
      renders++;
      return useHook();
    },
    { wrapper: ({ children }: { children: ReactNode }) => <Wrap services={services}>{children}</Wrap> },
  );
  return { services, hook, renders: () => renders };
}
