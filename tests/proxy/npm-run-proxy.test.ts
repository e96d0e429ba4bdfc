// `npm run proxy` as a real process: settings from the environment only.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const entry = join(import.meta.dirname, "..", "..", "src", "proxy", "server.ts");
const tsx = join(import.meta.dirname, "..", "..", "node_modules", ".bin", "tsx");

function launch(env: Record<string, string>) {
  const { FAL_KEY: _k, FAL_KEY_ID: _i, FAL_KEY_SECRET: _s, ALLOWED_ORIGINS: _o, ...base } = process.env;
  const child = spawn(tsx, [entry], { env: { ...base, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      const m = /listening on (\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`proxy exited ${code}: ${out}`)));
  });
  listening.catch(() => undefined); // a test that expects the exit does not await `listening`
  return { child, exited, listening, output: () => out };
}

describe("npm run proxy", () => {
  it("starts without a key and answers 401 saying to set FAL_KEY in its environment", async () => {
    const p = launch({ PORT: "0", ALLOWED_ORIGINS: "https://app.example.org" });
    try {
      const url = await p.listening;
      const res = await fetch(url, {
        method: "POST",
        headers: {
          origin: "https://app.example.org",
          "content-type": "application/json",
          "x-fal-target-url": "https://queue.fal.run/fal-ai/sora-2/text-to-video",
        },
        body: "{}",
      });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { message: string }).message).toContain("FAL_KEY");
      expect(p.output()).toContain("FAL_KEY is not set");
    } finally {
      p.child.kill("SIGTERM");
      await p.exited;
    }
  });

  it("refuses to start with ALLOWED_ORIGINS=* and says why", async () => {
    const p = launch({ PORT: "0", ALLOWED_ORIGINS: "*", FAL_KEY: "k" });
    expect(await p.exited).toBe(2);
    expect(p.output()).toContain("any web page");
  });
});
