// The CLI with --proxy checks the proxy once at start and sends each submit's id (issue 20) only when the proxy
// said "submit-id": the real CLI in a child process, the fake fal as its proxy, logging every header it gets.
import { describe, expect, it } from "vitest";
import { SUBMIT_ID_HEADER } from "../../src/domain/submit-id";
import { fakeFalCli } from "./fake-fal-cli";
import { twoBranches } from "./workflows";

const t = fakeFalCli({ switches: { queueMs: 50, runMs: 100 } });

const { run } = t;
const sentIds = () => t.fake.requestsOf("submit").map((r) => r.headers[SUBMIT_ID_HEADER]);

describe("reelflow run --proxy and submit ids", () => {
  it('sends each job\'s own id when the proxy says "submit-id", after one check at start', async () => {
    t.fake.set({ proxyCheck: { falKey: true, capabilities: ["submit-id"] } });
    const file = await t.box.file("two.reelflow.json", twoBranches());
    const r = await run(file);
    expect(r.code).toBe(0);
    const ids = sentIds();
    expect(ids.length).toBeGreaterThanOrEqual(2);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(t.fake.checks).toHaveLength(1);
  });

  it("sends no such header to a proxy that does not say it (requests exactly as before)", async () => {
    const file = await t.box.file("two.reelflow.json", twoBranches());
    const r = await run(file);
    expect(r.code).toBe(0);
    expect(sentIds().length).toBeGreaterThanOrEqual(2);
    expect(sentIds().every((id) => id === undefined)).toBe(true);
  });

  it("sends none to a proxy that answers its check as a plain fal proxy does", async () => {
    t.fake.set({ proxyCheck: "plain" });
    const file = await t.box.file("two.reelflow.json", twoBranches());
    expect((await run(file)).code).toBe(0);
    expect(sentIds().every((id) => id === undefined)).toBe(true);
  });
});
