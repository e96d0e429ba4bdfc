// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { CacheKey } from "../../../src/domain/ids";
import { cacheKey, endpointId, requestId } from "../../../src/domain/ids";
import type { CachedResult } from "../../../src/engine/ports";
import StoragePanel from "../../../src/ui/reliability/StoragePanel";
import type { StorageAccess } from "../../../src/ui/reliability/storage-access";

afterEach(cleanup);

const entry = (key: string, createdAt: string): CachedResult => ({
  key: cacheKey(key),
  endpoint: endpointId("fal-ai/veo3.1"),
  result: { video: { url: "https://fal.media/x.mp4" }, videoId: null, thumbnail: null, durationSec: 8 },
  requestId: requestId("r"),
  costUsd: 3.2,
  createdAt,
});

function access(persisted: boolean) {
  const stored = new Map<CacheKey, { entry: CachedResult; mediaSize: number }>([
    [cacheKey("old"), { entry: entry("old", "2026-10-01T00:00:00.000Z"), mediaSize: 2_000_000 }],
    [cacheKey("big"), { entry: entry("big", "2026-11-20T00:00:00.000Z"), mediaSize: 50_000_000 }],
  ]);
  const log: string[] = [];
  const a: StorageAccess = {
    list: async () => [...stored.values()],
    jobs: async () => new Map(),
    remove: async (k) => {
      log.push(`remove ${k}`);
      stored.delete(k);
    },
    estimate: async () => ({ usageBytes: 52_000_000, quotaBytes: 1_000_000_000, usedFraction: 0.052 }),
    persisted: async () => persisted,
    requestPersist: async () => {
      log.push("persist");
      return "granted";
    },
  };
  return { a, log, stored };
}

describe("Storage panel", () => {
  it("shows usage, quota and persistence, lists results largest first with their regenerate cost", async () => {
    const { a } = access(false);
    render(<StoragePanel storage={a} onClose={() => undefined} />);
    expect((await screen.findByTestId("storage-usage"))?.textContent).toContain("52 MB used of 1.0 GB (5%)");
    expect(screen.getByTestId("storage-persisted")?.textContent).toMatch(/Not persistent/);
    const items = within(await screen.findByRole("list", { name: "Stored results" })).getAllByRole("listitem");
    expect(items.map((li) => li.getAttribute("data-key"))).toEqual(["big", "old"]);
    expect(items[0]?.textContent).toContain("50 MB");
    expect(items[0]?.textContent).toContain("To make again: $3.20 (the price paid)");
    fireEvent.change(screen.getByLabelText("Order results by"), { target: { value: "age" } });
    await waitFor(() =>
      expect(screen.getAllByRole("listitem").map((li) => li.getAttribute("data-key"))).toEqual(["old", "big"]),
    );
  });

  it("deletes one result only after the user confirms, and asks to persist on request", async () => {
    const { a, log, stored } = access(false);
    render(<StoragePanel storage={a} onClose={() => undefined} />);
    const list = await screen.findByRole("list", { name: "Stored results" });
    const big = within(list).getAllByRole("listitem")[0] as HTMLElement;
    fireEvent.click(within(big).getByRole("button", { name: /^Delete/ }));
    expect(log).toEqual([]);
    expect(big?.textContent).toMatch(/making it again costs \$3\.20/);
    fireEvent.click(within(big).getByRole("button", { name: "Keep" }));
    expect(log).toEqual([]);
    fireEvent.click(within(big).getByRole("button", { name: /^Delete/ }));
    fireEvent.click(within(big).getByRole("button", { name: "Yes, delete" }));
    await waitFor(() => expect(screen.getAllByRole("listitem")).toHaveLength(1));
    expect(log).toEqual(["remove big"]);
    expect([...stored.keys()]).toEqual(["old"]);
    fireEvent.click(screen.getByRole("button", { name: "Ask to keep it" }));
    await waitFor(() => expect(log).toContain("persist"));
  });
});
