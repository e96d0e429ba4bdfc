import type { ShareLinkResult } from "../../domain/sharing";

export type CopyLinkOutcome =
  { ok: true; url: string; copied: boolean; removed: string[] } | { ok: false; reason: string };

/**
 * Share link: the workflow compressed into `#w=…` of this page's address (`link`, made by the Workflows feature),
 * copied to the clipboard. When the clipboard refuses (no permission, not focused) the link is still returned so
 * the panel can show it for copying by hand.
 */
export async function copyShareLink(
  link: ShareLinkResult,
  clipboard: Pick<Clipboard, "writeText"> | undefined,
): Promise<CopyLinkOutcome> {
  if (!link.ok) return link;
  let copied = false;
  try {
    if (clipboard) {
      await clipboard.writeText(link.url);
      copied = true;
    }
  } catch {
    copied = false;
  }
  return { ok: true, url: link.url, copied, removed: link.removed };
}
