import type { ModelAdapter } from "../../nodes/types";
import { VIDEO_ACTIONS } from "../../nodes/video-action";

/**
 * What a Remix node's model does with its clip, in one line under the model: "Extend: continues the clip; the
 * prompt describes what happens next". Nothing for models that make a clip from text or an image.
 */
export function ModelAction({ adapter }: { adapter: ModelAdapter }) {
  if (!adapter.action) return null;
  const words = VIDEO_ACTIONS[adapter.action];
  return (
    <div className="hint model-action" data-testid="model-action">
      <strong>{words.name}</strong>: {words.verb}; {words.prompt}
    </div>
  );
}

/** The prompt field's placeholder for a node running `adapter`. */
export const promptPlaceholder = (adapter: ModelAdapter): string =>
  adapter.action ? VIDEO_ACTIONS[adapter.action].placeholder : "Type a prompt or connect a Prompt node";
