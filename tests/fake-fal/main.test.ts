// Issue 16 item 17: `npm run fake-fal` prints the proxy URL to paste into Settings → Proxy URL or `--proxy`, that URL
// answers as a proxy, and the README says so. The real command, as a person runs it.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

function launch() {
  // Its own process group, so the stop below reaches npm, tsx and the server alike.
  const child = spawn("npm", ["run", "fake-fal"], {
    cwd: root,
    env: { ...process.env, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const printed = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      const line = out.split("\n").find((l) => l.startsWith("fake fal:"));
      if (line) resolve(line);
    });
    void exited.then(() => reject(new Error(`npm run fake-fal exited: ${out}`)));
  });
  printed.catch(() => undefined);
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
    await exited;
  };
  return { printed, stop };
}

describe("npm run fake-fal", () => {
  it("prints the proxy URL to paste into Settings or --proxy, and a proxy answers there", async () => {
    const p = launch();
    try {
      const line = await p.printed;
      const m =
        /proxy URL (http:\/\/127\.0\.0\.1:\d+) \(paste into Settings → Proxy URL, or pass --proxy (\S+)\)$/.exec(line);
      expect(m, line).not.toBeNull();
      const url = m?.[1] ?? "";
      expect(m?.[2]).toBe(url);
      // What the app's and the CLI's proxy check ask of a pasted URL: a GET answered with the proxy's JSON.
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ falKey: true });
    } finally {
      await p.stop();
    }
  }, 60_000);

  it("is in the README, saying it prints the proxy URL for Settings → Proxy URL or --proxy", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8").replace(/\s+/g, " ");
    expect(readme).toMatch(
      /`npm run fake-fal` [^.]*prints the proxy URL to paste into Settings → Proxy URL or `--proxy`/,
    );
  });
});
