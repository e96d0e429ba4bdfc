import { parseWorkflowText, serializeWorkflow } from "../../domain/parse";
import type { Workflow } from "../../domain/workflow";
import { saveBlob, type SaveOutcome } from "../workflows/save-file";
import { messageOf } from "../../domain/message-of";

/** `Cat remix` → `cat-remix.reelflow.json` */
export function fileNameFor(w: Workflow): string {
  const base =
    w.name
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "workflow";
  return `${base}.reelflow.json`;
}

/** Save workflow: a `.reelflow.json` download (works in every browser, and in tests). */
export function downloadWorkflow(w: Workflow): void {
  const blob = new Blob([serializeWorkflow(w)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileNameFor(w);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Save workflow: the browser's save dialog where it has one (File System Access API), a download
 * elsewhere. Resolves once written, or when the dialog was cancelled.
 */
export async function saveWorkflowFile(w: Workflow): Promise<SaveOutcome> {
  const blob = new Blob([serializeWorkflow(w)], { type: "application/json" });
  return saveBlob(blob, fileNameFor(w), {
    description: "Reelflow workflow",
    mime: "application/json",
    extension: ".json",
  });
}

export type OpenResult = { ok: true; workflow: Workflow; migratedFrom?: number } | { ok: false; message: string };

/** Reads a workflow file through the one parser; a bad file gives the parser's words. */
export async function readWorkflowFile(file: Blob & { name?: string }): Promise<OpenResult> {
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    return { ok: false, message: `Could not read ${file.name ?? "the file"}: ${messageOf(e)}` };
  }
  const res = parseWorkflowText(text);
  if (!res.ok) return { ok: false, message: `${file.name ?? "This file"} was not opened: ${res.errors.join("; ")}` };
  return { ok: true, workflow: res.workflow, migratedFrom: res.migratedFrom };
}

/** Shows the browser's file picker and resolves with the chosen file (or null when cancelled). */
export function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement("input");
    input.type = "file";
    input.accept = accept;
    input.style.display = "none";
    input.addEventListener("change", () => {
      resolve(input.files?.[0] ?? null);
      input.remove();
    });
    input.addEventListener("cancel", () => {
      resolve(null);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}

export interface ExampleEntry {
  file: string;
  title: string;
  description: string;
  /** The models its generation nodes run (scripts/examples-index.ts writes them): the list's marks need no file. */
  endpoints: readonly string[];
}

/** public/examples/index.json, read leniently: a list of { file, title|name, description, endpoints }. */
export function readExampleIndex(raw: unknown): ExampleEntry[] {
  const list = Array.isArray(raw)
    ? raw
    : raw && typeof raw === "object" && Array.isArray((raw as { examples?: unknown }).examples)
      ? (raw as { examples: unknown[] }).examples
      : [];
  const out: ExampleEntry[] = [];
  for (const item of list) {
    if (!item || typeof item !== "object") continue;
    const r = item as Record<string, unknown>;
    const file = [r.file, r.path, r.url].find((v): v is string => typeof v === "string");
    if (!file) continue;
    const title = [r.title, r.name].find((v): v is string => typeof v === "string") ?? file;
    const description = typeof r.description === "string" ? r.description : "";
    out.push({ file, title, description, endpoints: stringsOf(r.endpoints) });
  }
  return out;
}

const stringsOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : [];

/** Relative to the page, so it works under any sub-path. */
export async function fetchExamples(): Promise<ExampleEntry[]> {
  const res = await fetch("examples/index.json");
  if (!res.ok) throw new Error(`examples/index.json: HTTP ${res.status}`);
  return readExampleIndex(await res.json());
}

export async function fetchExample(entry: ExampleEntry): Promise<OpenResult> {
  const res = await fetch(`examples/${entry.file.replace(/^\.?\/?(examples\/)?/, "")}`);
  if (!res.ok) return { ok: false, message: `Example ${entry.title}: HTTP ${res.status}` };
  const parsed = parseWorkflowText(await res.text());
  return parsed.ok
    ? { ok: true, workflow: parsed.workflow }
    : { ok: false, message: `Example ${entry.title} did not load: ${parsed.errors.join("; ")}` };
}
