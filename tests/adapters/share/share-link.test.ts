import { readFileSync } from "node:fs";
import { join } from "node:path";
import LZString from "lz-string";
import { describe, expect, it } from "vitest";
import {
  SHARE_FRAGMENT_LIMIT,
  decodeShareLink,
  encodeShareLink,
  hasShareFragment,
  inlineLocalFiles,
  stripSecrets,
  withoutShareFragment,
} from "../../../src/adapters/share";
import type { ContentHash } from "../../../src/domain/ids";
import { parseWorkflow, parseWorkflowText } from "../../../src/domain/parse";
import type { Workflow } from "../../../src/domain/workflow";
import { sha256Hex } from "../../../src/engine/hash";
import { planWorkflow } from "../../../src/engine/plan";

const examples = join(import.meta.dirname, "..", "..", "..", "public", "examples");
const example = (file: string): Workflow => {
  const r = parseWorkflowText(readFileSync(join(examples, file), "utf8"));
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.workflow;
};
const must = (input: unknown): Workflow => {
  const r = parseWorkflow(input);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.workflow;
};
const BASE = "https://example.github.io/reelflow/";
const payloadText = (url: string) => LZString.decompressFromEncodedURIComponent(url.slice(url.indexOf("#w=") + 3));

async function keys(w: Workflow): Promise<string[]> {
  const r = await planWorkflow(w);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  return [...r.plan.nodes.values()].map((n) => `${n.id}=${n.key}`).sort();
}

describe("share link round trip", () => {
  it("carries a workflow in #w=… and opens it unchanged, unknown fields included", async () => {
    const w = must({ ...example("compare-models.reelflow.json"), layoutHint: { zoom: 1.5 } });
    const link = encodeShareLink(w, BASE);
    if (!link.ok) throw new Error(link.reason);
    expect(link.url.startsWith(`${BASE}#w=`)).toBe(true);
    expect(link.fragmentLength).toBe(link.url.length - BASE.length);
    expect(link.removed).toEqual([]);
    const back = decodeShareLink(link.url);
    expect(back).toEqual({ ok: true, workflow: w });
    // Same graph, same cache keys: results the receiver already has are found.
    if (back.ok) expect(await keys(back.workflow)).toEqual(await keys(w));
  });

  it("replaces the page's own fragment and keeps its path and query", () => {
    const link = encodeShareLink(
      example("text-to-video.reelflow.json"),
      "http://localhost:5173/reelflow/?mode=demo#old",
    );
    if (!link.ok) throw new Error(link.reason);
    expect(link.url).toMatch(/^http:\/\/localhost:5173\/reelflow\/\?mode=demo#w=[A-Za-z0-9+\-$]+$/);
    expect(withoutShareFragment(link.url)).toBe("http://localhost:5173/reelflow/?mode=demo");
  });

  it("reads a full URL, location.hash, a bare w=…, a fragment with other parameters, and a percent-encoded paste", () => {
    const w = example("image-to-video.reelflow.json");
    const link = encodeShareLink(w, BASE);
    if (!link.ok) throw new Error(link.reason);
    const hash = link.url.slice(link.url.indexOf("#"));
    const payload = hash.slice("#w=".length);
    for (const form of [
      link.url,
      hash,
      `w=${payload}`,
      `${BASE}#from=chat&w=${payload}`,
      `${BASE}#w=${encodeURIComponent(payload)}`,
    ]) {
      expect(decodeShareLink(form)).toEqual({ ok: true, workflow: w });
    }
    expect(hasShareFragment(link.url)).toBe(true);
    expect(hasShareFragment(hash)).toBe(true);
    expect(hasShareFragment(BASE)).toBe(false);
    expect(hasShareFragment("#section-2")).toBe(false);
  });

  it("every shipped example fits in a link", () => {
    const index = JSON.parse(readFileSync(join(examples, "index.json"), "utf8")) as { examples: { file: string }[] };
    for (const { file } of index.examples) {
      const link = encodeShareLink(example(file), BASE);
      expect({ file, ok: link.ok }).toEqual({ file, ok: true });
    }
  });
});

describe("share link refusals", () => {
  it("refuses a workflow too big for a link, saying how big and what to do instead", () => {
    // Prompts that do not compress: distinct random words.
    let seed = 7;
    const word = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed.toString(36);
    };
    const text = Array.from({ length: 1500 }, word).join(" ");
    const w = must({
      format: "reelflow/workflow",
      version: 1,
      name: "Big",
      nodes: [{ id: "p", type: "prompt", data: { text } }],
      edges: [],
    });
    const link = encodeShareLink(w, BASE);
    expect(link.ok).toBe(false);
    if (link.ok) return;
    const size = Number(/\((\d+) kB,/.exec(link.reason)?.[1]);
    expect(size).toBeGreaterThan(SHARE_FRAGMENT_LIMIT / 1000);
    expect(link.reason).toBe(
      `This workflow is too big for a link (${size} kB, a link holds up to 8 kB); use Save workflow or Export bundle instead.`,
    );
  });

  it("refuses a workflow with files kept only in this browser, naming the nodes", () => {
    const w = must({
      format: "reelflow/workflow",
      version: 1,
      name: "Local",
      nodes: [
        { id: "photo", type: "image", data: { asset: "a".repeat(64) } },
        { id: "clip", type: "video", data: { asset: "b".repeat(64) } },
        { id: "web", type: "image", data: { url: "https://example.com/x.png" } },
      ],
      edges: [],
    });
    const link = encodeShareLink(w, BASE);
    expect(link).toEqual({
      ok: false,
      reason:
        'Nodes "photo", "clip" use files kept only in this browser, which a link cannot carry; use Export bundle (it includes them), or give those nodes an https URL.',
    });
  });

  it("inlines a small local file as a data: URL, keeping every cache key, and leaves a big one", async () => {
    const png = new Uint8Array(readFileSync(join(import.meta.dirname, "..", "..", "fixtures", "media", "tiny.png")));
    const small = await sha256Hex(png);
    const big = "c".repeat(64) as ContentHash;
    const stored = new Map<string, Blob>([
      [small, new Blob([png], { type: "image/png" })],
      [big, new Blob([new Uint8Array(50_000)], { type: "image/png" })],
    ]);
    const w = must({
      format: "reelflow/workflow",
      version: 1,
      name: "Inline",
      nodes: [
        { id: "p", type: "prompt", data: { text: "wave" } },
        { id: "img", type: "image", data: { asset: small, caption: "kept" } },
        { id: "i2v", type: "image-to-video", data: { endpoint: "fal-ai/veo3.1/fast/image-to-video" } },
      ],
      edges: [
        { id: "e1", source: "p", sourceHandle: "text", target: "i2v", targetHandle: "prompt" },
        { id: "e2", source: "img", sourceHandle: "image", target: "i2v", targetHandle: "image" },
      ],
    });
    const { workflow: inlined, notInlined } = await inlineLocalFiles(w, async (h) => stored.get(h));
    expect(notInlined).toEqual([]);
    const img = inlined.nodes.find((n) => n.id === "img");
    expect(img?.data).toEqual({ caption: "kept", url: `data:image/png;base64,${Buffer.from(png).toString("base64")}` });
    expect(await keys(inlined)).toEqual(await keys(w));
    const link = encodeShareLink(inlined, BASE);
    if (!link.ok) throw new Error(link.reason);
    const back = decodeShareLink(link.url);
    if (!back.ok) throw new Error(back.errors.join("\n"));
    expect(await keys(back.workflow)).toEqual(await keys(w));

    const withBig = must({ ...w, nodes: w.nodes.map((n) => (n.id === "img" ? { ...n, data: { asset: big } } : n)) });
    const second = await inlineLocalFiles(withBig, async (h) => stored.get(h));
    expect(second.notInlined).toEqual([{ nodeId: "img", reason: "its file is 50 kB, too big for a link" }]);
    expect(encodeShareLink(second.workflow, BASE).ok).toBe(false);
    const missing = await inlineLocalFiles(withBig, async () => undefined);
    expect(missing.notInlined).toEqual([{ nodeId: "img", reason: "its file is not stored in this browser" }]);
  });
});

describe("share links never carry a proxy URL or a secret", () => {
  const FAL_KEY = "0a1b2c3d-1111-2222-3333-444455556666:0123456789abcdef0123456789abcdef";
  const leaky = () =>
    must({
      format: "reelflow/workflow",
      version: 1,
      name: "Leaky",
      settings: { proxyUrl: "https://my-proxy.example/api/fal/proxy", mode: "fal" },
      nodes: [
        {
          id: "p",
          type: "prompt",
          data: { text: "a cat", apiKey: "sk-should-not-travel", extra: { falKey: FAL_KEY, note: "fine" } },
        },
        {
          id: "t2v",
          type: "text-to-video",
          data: {
            endpoint: "fal-ai/veo3.1/fast",
            params: { duration: "4s" },
            credentials: "include",
            proxy_url: "http://127.0.0.1:8787",
            FAL_API_KEY: "x",
          },
          notes: FAL_KEY,
        },
      ],
      edges: [{ id: "e1", source: "p", sourceHandle: "text", target: "t2v", targetHandle: "prompt", authToken: "t0k" }],
    });

  it("strips secret-looking keys anywhere and fal-key-shaped values, and says where", () => {
    const link = encodeShareLink(leaky(), BASE);
    if (!link.ok) throw new Error(link.reason);
    expect(link.removed.sort()).toEqual(
      [
        "settings.proxyUrl",
        "nodes[0].data.apiKey",
        "nodes[0].data.extra.falKey",
        "nodes[1].data.credentials",
        "nodes[1].data.proxy_url",
        "nodes[1].data.FAL_API_KEY",
        "nodes[1].notes",
        "edges[0].authToken",
      ].sort(),
    );
    const text = payloadText(link.url) ?? "";
    for (const secret of [
      "my-proxy.example",
      "sk-should-not-travel",
      FAL_KEY,
      "127.0.0.1:8787",
      "t0k",
      "proxyUrl",
      "apiKey",
      "credentials",
    ]) {
      expect({ secret, inLink: text.includes(secret) || link.url.includes(secret) }).toEqual({ secret, inLink: false });
    }
    const back = decodeShareLink(link.url);
    if (!back.ok) throw new Error(back.errors.join("\n"));
    // What is not secret is kept.
    expect(back.workflow.settings).toEqual({ mode: "fal" });
    expect(back.workflow.nodes[0]?.data).toEqual({ text: "a cat", extra: { note: "fine" } });
    expect(back.workflow.nodes[1]?.data).toEqual({ endpoint: "fal-ai/veo3.1/fast", params: { duration: "4s" } });
  });

  it("also strips them from a hand-made link when opening it", () => {
    const hash = `#w=${LZString.compressToEncodedURIComponent(JSON.stringify(leaky()))}`;
    const back = decodeShareLink(hash);
    if (!back.ok) throw new Error(back.errors.join("\n"));
    expect(JSON.stringify(back.workflow)).not.toMatch(
      /proxy|apiKey|falKey|credentials|sk-should-not-travel|authToken/i,
    );
    expect(JSON.stringify(back.workflow)).not.toContain(FAL_KEY);
  });

  it("keeps ordinary fields whose names merely contain a word like key", () => {
    const { value, removed } = stripSecrets({ keyframe: 1, monkey: "yes", tokens: 3, data: { key_light: "warm" } });
    expect(removed).toEqual([]);
    expect(value).toEqual({ keyframe: 1, monkey: "yes", tokens: 3, data: { key_light: "warm" } });
  });
});

describe("damaged links get one clear message", () => {
  const DAMAGED =
    "This link is damaged: the workflow in it cannot be read (it was probably cut short or changed when it was copied). Ask for the link again, or for the workflow file.";
  const link = encodeShareLink(example("remix-chain.reelflow.json"), BASE);
  if (!link.ok) throw new Error(link.reason);

  it("a link cut short", () => {
    for (const keep of [0.3, 0.6, 0.9]) {
      const cut = link.url.slice(0, Math.floor(link.url.length * keep));
      const r = decodeShareLink(cut);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors).toEqual([DAMAGED]);
    }
  });

  it("an empty or garbled payload", () => {
    expect(decodeShareLink(`${BASE}#w=`)).toEqual({ ok: false, errors: [DAMAGED] });
    expect(decodeShareLink(`${BASE}#w=%E0%A4%A`)).toEqual({ ok: false, errors: [DAMAGED] });
    expect(decodeShareLink(`${BASE}#w=!!!not-lz!!!`)).toEqual({ ok: false, errors: [DAMAGED] });
  });

  it("a link without a workflow", () => {
    expect(decodeShareLink(BASE)).toEqual({
      ok: false,
      errors: ["This link carries no workflow (its address has no #w=… part)."],
    });
  });

  it("a link whose workflow the parser refuses, with the parser's reasons", () => {
    const newer = `#w=${LZString.compressToEncodedURIComponent(JSON.stringify({ format: "reelflow/workflow", version: 99, name: "x", nodes: [], edges: [] }))}`;
    expect(decodeShareLink(newer)).toEqual({
      ok: false,
      errors: [
        "The workflow in this link cannot be opened:",
        "This file was made by a newer Reelflow (format version 99); this app reads up to version 1. Update Reelflow to open it.",
      ],
    });
  });
});
