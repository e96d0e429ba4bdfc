import { memo, useLayoutEffect, useRef } from "react";

interface Props {
  value: string;
  label: string;
  placeholder?: string;
  onChange(text: string): void;
  onCommit(): void;
}

/** A textarea that grows with its text (up to a cap), so long prompts stay readable on the node. */
export const PromptArea = memo(function PromptArea({ value, label, placeholder, onChange, onCommit }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight + 2, 320)}px`;
    el.style.overflowY = el.scrollHeight > 318 ? "auto" : "hidden";
  }, [value]);
  return (
    <textarea
      ref={ref}
      aria-label={label}
      className="prompt nodrag nowheel"
      rows={2}
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onCommit}
    />
  );
});
