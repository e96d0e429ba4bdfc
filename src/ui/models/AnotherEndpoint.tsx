import { useState, type FormEvent } from "react";
import type { GenerationKind } from "../../domain/workflow";
import { getDefinition } from "../../nodes/registry";
import type { ModelAdapter } from "../../nodes/types";
import type { ModelSource } from "./model-source";
import { messageOf } from "../../domain/message-of";

type Step = { state: "idle" } | { state: "resolving"; endpoint: string } | { state: "refused"; message: string };

/** fal endpoint ids are paths: an owner and a name at least ("fal-ai/wan/v2.7/text-to-video"). */
const ENDPOINT_SHAPE = /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)+$/;

/**
 * "Use another fal endpoint…": any endpoint id, looked up in fal's catalogue (the snapshot, then live) and
 * set when it is a model of this node's kind; otherwise it says why, and nothing changes.
 */
export function AnotherEndpoint({
  kind,
  source,
  initial,
  onPick,
}: {
  kind: GenerationKind;
  source: ModelSource;
  initial: string;
  onPick(a: ModelAdapter): void;
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [step, setStep] = useState<Step>({ state: "idle" });
  if (!open) {
    return (
      <button
        type="button"
        className="model-another"
        onClick={() => {
          setText(initial);
          setOpen(true);
        }}
      >
        Use another fal endpoint…
      </button>
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const endpoint = text.trim();
    const shapeProblem = endpointShapeProblem(endpoint);
    if (shapeProblem) return setStep({ state: "refused", message: shapeProblem });
    setStep({ state: "resolving", endpoint });
    const found = await source
      .resolve(endpoint)
      .catch((err: unknown) => ({ ok: false as const, reason: messageOf(err) }));
    if (!found.ok) return setStep({ state: "refused", message: `${endpoint} cannot be used: ${found.reason}.` });
    if (found.adapter.kind !== kind) return setStep({ state: "refused", message: wrongKind(found.adapter, kind) });
    setStep({ state: "idle" });
    onPick(found.adapter);
  }

  return (
    <form className="model-another-form" onSubmit={(e) => void submit(e)}>
      <label className="field">
        <span>fal endpoint id</span>
        <input
          autoFocus
          value={text}
          placeholder="e.g. fal-ai/wan/v2.7/text-to-video"
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
        />
      </label>
      <button type="submit" disabled={step.state === "resolving"}>
        Use this endpoint
      </button>
      <div className="hint" role="status" aria-live="polite">
        {step.state === "resolving" && `Looking up ${step.endpoint} in fal's catalogue…`}
        {step.state === "refused" && <span className="error-text">{step.message}</span>}
      </div>
    </form>
  );
}

export function endpointShapeProblem(endpoint: string): string | null {
  if (!endpoint) return "Type an endpoint id, e.g. fal-ai/wan/v2.7/text-to-video.";
  if (!ENDPOINT_SHAPE.test(endpoint))
    return `"${endpoint}" is not a fal endpoint id: they look like fal-ai/wan/v2.7/text-to-video (owner/model/…).`;
  return null;
}

/** "a Text-to-Video", "an Image-to-Video". */
export function kindWords(kind: GenerationKind): string {
  const title = getDefinition(kind).title;
  return /^[aeiou]/i.test(title) ? `an ${title}` : `a ${title}`;
}

export function wrongKind(adapter: ModelAdapter, kind: GenerationKind): string {
  return `${adapter.label} (${adapter.endpoint}) is ${kindWords(adapter.kind)} model; this node is ${kindWords(kind)} node. Add ${kindWords(adapter.kind)} node to use it.`;
}
