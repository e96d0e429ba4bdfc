// Small inline SVG icons for the side panels: drawn with the text colour, never dependent on an emoji font.
// Decorative (aria-hidden): the button that holds one carries the name ("Delete Foxes"). Loaded with the panels only.
import type { ReactElement } from "react";

const Icon = ({ d }: { d: string }): ReactElement => (
  <svg
    width="14"
    height="14"
    viewBox="0 0 16 16"
    fill="none"
    stroke="currentColor"
    strokeWidth="1.5"
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
    focusable="false"
    style={{ verticalAlign: "-2px" }}
  >
    <path d={d} />
  </svg>
);

/** A pencil. */
export const RenameIcon = () => <Icon d="M11 2.5l2.5 2.5L6 12.5 3 13l.5-3z M9.5 4l2.5 2.5" />;
/** Two overlapping sheets. */
export const DuplicateIcon = () => <Icon d="M5.5 5.5h8v8h-8z M10.5 5.5v-3h-8v8h3" />;
/** A bin with a lid. */
export const DeleteIcon = () => <Icon d="M2.5 4.5h11 M6 4.5V2.5h4v2 M4 4.5l.75 9h6.5l.75-9 M6.75 7v4.5 M9.25 7v4.5" />;
