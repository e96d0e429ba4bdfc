/** What the File System Access API's save picker offers (Chromium); absent in Firefox, Safari and jsdom. */
interface SavePickerWindow {
  showSaveFilePicker?: (opts: {
    suggestedName?: string;
    types?: { description: string; accept: Record<string, string[]> }[];
  }) => Promise<{ createWritable(): Promise<{ write(data: Blob): Promise<void>; close(): Promise<void> }> }>;
}

export type SaveOutcome = "saved" | "downloaded" | "cancelled";

/** A normal download: works in every browser. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Saves through the browser's save dialog where it has one (the user picks the folder and name),
 * a download elsewhere. Cancelling the dialog is not an error; any other failure of the dialog
 * falls back to a download, so the file is never lost.
 */
export async function saveBlob(
  blob: Blob,
  fileName: string,
  type: { description: string; mime: string; extension: string },
  win: SavePickerWindow = globalThis as SavePickerWindow,
): Promise<SaveOutcome> {
  if (typeof win.showSaveFilePicker === "function") {
    try {
      const handle = await win.showSaveFilePicker({
        suggestedName: fileName,
        types: [{ description: type.description, accept: { [type.mime]: [type.extension] } }],
      });
      const writable = await handle.createWritable();
      await writable.write(blob);
      await writable.close();
      return "saved";
    } catch (e) {
      if (e instanceof DOMException && e.name === "AbortError") return "cancelled";
      // SecurityError (no user gesture, cross-origin frame) or a failed write: download instead.
    }
  }
  downloadBlob(blob, fileName);
  return "downloaded";
}
