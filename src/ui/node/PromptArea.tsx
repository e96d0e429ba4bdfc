import { memo } from "react";

interface Props {
  value: string;
  label: string;
  placeholder?: string;
  onChange(text: string): void;
  onCommit(): void;
}

/** Rough line count, for browsers without `field-sizing` (no layout read: hundreds of nodes mount at once). */
const rowsFor = (text: string) =>
  Math.min(
    12,
    Math.max(
      2,
      text.split("\n").reduce((n, line) => n + 1 + Math.floor(line.length / 38), 0),
    ),
  );

/**
 * A textarea that grows with its text, so long prompts stay readable on the node. CSS
 * `field-sizing: content` does the growing where supported; elsewhere the row count follows the
 * text. Nothing here measures layout, since a workflow of hundreds of nodes mounts them all at once.
 */
export const PromptArea = memo(function PromptArea({ value, label, placeholder, onChange, onCommit }: Props) {
  return (
    <textarea
      aria-label={label}
      className="prompt nodrag nowheel"
      rows={rowsFor(value)}
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onCommit}
    />
  );
});
