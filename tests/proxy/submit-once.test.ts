// The store behind the proxies' submit ids (issue 20), with a clock the test moves: one forward per id and origin,
// what is kept after each kind of first answer, for how long, and how much memory it may hold.
import { describe, expect, it } from "vitest";
import {
  createSubmitOnce,
  DEFAULT_SUBMIT_ID_MAX_BYTES,
  DEFAULT_SUBMIT_ID_MAX_ENTRIES,
  fateOfStatus,
  jsonAnswer,
} from "../../src/proxy/submit-once";
import type { Forwarded, SubmitOnceOptions, SubmitReply } from "../../src/proxy/submit-once";

const APP = "https://app.example.org";
const SUBMIT = "https://queue.fal.run/fal-ai/sora-2/text-to-video";
const MINUTE = 60_000;

/** A forward that counts its calls and answers like fal's queue: 200 with a request id of its own. */
function falLike(status = 200) {
  let calls = 0;
  const forward = async (): Promise<Forwarded> => {
    calls += 1;
    const answer = jsonAnswer(status, { request_id: `req-${calls}`, status: "IN_QUEUE" });
    const headers = [...answer.headers, ["x-fal-request-id", `req-${calls}`] as const];
    return { answer: { ...answer, headers }, fate: fateOfStatus(status) };
  };
  return { forward, calls: () => calls };
}

function store(over: SubmitOnceOptions = {}) {
  let t = Date.parse("2026-12-06T10:00:00Z");
  const once = createSubmitOnce({ now: () => t, ...over });
  return { once, later: (ms: number) => void (t += ms) };
}

const bodyOf = (r: SubmitReply) => JSON.parse(new TextDecoder().decode(r.answer.body)) as Record<string, unknown>;
const requestIdOf = (r: SubmitReply) => r.answer.headers.find(([n]) => n === "x-fal-request-id")?.[1];

describe("one submit per submit id", () => {
  it("forwards two requests with one id sent at once only once; both get fal's answer, its request id", async () => {
    const { once } = store();
    const fal = falLike();
    let release = () => undefined as void;
    const slow = () => new Promise<Forwarded>((resolve) => (release = () => void fal.forward().then(resolve)));
    const first = once.submit(APP, "job-aaaaaaaa", SUBMIT, slow);
    const second = once.submit(APP, "job-aaaaaaaa", SUBMIT, fal.forward);
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(fal.calls()).toBe(1);
    expect([a.replayed, b.replayed]).toEqual([false, true]);
    expect(requestIdOf(a)).toBe("req-1");
    expect(requestIdOf(b)).toBe("req-1");
    expect(bodyOf(b)).toEqual(bodyOf(a));
    expect(b.answer.status).toBe(200);
  });

  it("answers one sent after the other with the first answer, without forwarding it", async () => {
    const { once } = store();
    const fal = falLike();
    const a = await once.submit(APP, "job-bbbbbbbb", SUBMIT, fal.forward);
    const b = await once.submit(APP, "job-bbbbbbbb", SUBMIT, fal.forward);
    expect(fal.calls()).toBe(1);
    expect(requestIdOf(b)).toBe(requestIdOf(a));
    expect(b.replayed).toBe(true);
  });

  it("forwards different ids each", async () => {
    const { once } = store();
    const fal = falLike();
    const a = await once.submit(APP, "job-cccccccc", SUBMIT, fal.forward);
    const b = await once.submit(APP, "job-dddddddd", SUBMIT, fal.forward);
    expect(fal.calls()).toBe(2);
    expect(requestIdOf(a)).not.toBe(requestIdOf(b));
  });

  it("never shares an id across origins", async () => {
    const { once } = store();
    const fal = falLike();
    const a = await once.submit(APP, "job-eeeeeeee", SUBMIT, fal.forward);
    const b = await once.submit("https://other.example.com", "job-eeeeeeee", SUBMIT, fal.forward);
    const c = await once.submit("", "job-eeeeeeee", SUBMIT, fal.forward);
    expect(fal.calls()).toBe(3);
    expect(new Set([requestIdOf(a), requestIdOf(b), requestIdOf(c)]).size).toBe(3);
  });

  it("refuses an id sent again for another endpoint (409), sending nothing", async () => {
    const { once } = store();
    const fal = falLike();
    await once.submit(APP, "job-ffffffff", SUBMIT, fal.forward);
    const other = await once.submit(APP, "job-ffffffff", "https://queue.fal.run/fal-ai/veo3.1", fal.forward);
    expect(fal.calls()).toBe(1);
    expect(other.answer.status).toBe(409);
    expect(bodyOf(other).error).toBe("submit_id_conflict");
  });
});

describe("after the first answer", () => {
  it("keeps a queued job's answer at least ten minutes, then forgets it", async () => {
    const { once, later } = store();
    const fal = falLike();
    await once.submit(APP, "job-gggggggg", SUBMIT, fal.forward);
    later(10 * MINUTE - 1);
    expect(requestIdOf(await once.submit(APP, "job-gggggggg", SUBMIT, fal.forward))).toBe("req-1");
    later(2);
    expect(requestIdOf(await once.submit(APP, "job-gggggggg", SUBMIT, fal.forward))).toBe("req-2");
    expect(fal.calls()).toBe(2);
  });

  it("lets a retry through when fal surely has no job (422, 429, 500, 503, a refusal)", async () => {
    for (const status of [400, 401, 422, 429, 500, 503]) {
      const { once } = store();
      const refused = falLike(status);
      const a = await once.submit(APP, "job-hhhhhhhh", SUBMIT, refused.forward);
      expect(a.answer.status).toBe(status);
      const fal = falLike();
      const b = await once.submit(APP, "job-hhhhhhhh", SUBMIT, fal.forward);
      expect([status, fal.calls(), b.answer.status]).toEqual([status, 1, 200]);
    }
  });

  it("gives a request that came while a refused first was on its way that refusal (one request twice)", async () => {
    const { once } = store();
    const refused = falLike(422);
    let release = () => undefined as void;
    const slow = () => new Promise<Forwarded>((resolve) => (release = () => void refused.forward().then(resolve)));
    const first = once.submit(APP, "job-iiiiiiii", SUBMIT, slow);
    const second = once.submit(APP, "job-iiiiiiii", SUBMIT, refused.forward);
    release();
    expect((await second).answer.status).toBe(422);
    expect((await first).answer.status).toBe(422);
    expect(refused.calls()).toBe(1);
  });

  it.each([502, 504])("holds an id whose first got %i (fal may have it): no resend for 10 min", async (status) => {
    const { once, later } = store();
    const gateway = falLike(status);
    await once.submit(APP, "job-jjjjjjjj", SUBMIT, gateway.forward);
    const fal = falLike();
    later(5 * MINUTE);
    const held = await once.submit(APP, "job-jjjjjjjj", SUBMIT, fal.forward);
    expect(fal.calls()).toBe(0);
    expect(held.answer.status).toBe(502);
    expect(bodyOf(held)).toMatchObject({ error: "submit_outcome_unknown" });
    expect(String(bodyOf(held).message)).toContain("2026-12-06T10:10:00.000Z");
    later(5 * MINUTE + 1);
    expect((await once.submit(APP, "job-jjjjjjjj", SUBMIT, fal.forward)).answer.status).toBe(200);
    expect(fal.calls()).toBe(1);
  });

  it("holds an id whose forward threw (the outcome is unknown)", async () => {
    const { once } = store();
    const a = await once.submit(APP, "job-kkkkkkkk", SUBMIT, () => Promise.reject(new Error("socket hang up")));
    expect(a.answer.status).toBe(502);
    const fal = falLike();
    const b = await once.submit(APP, "job-kkkkkkkk", SUBMIT, fal.forward);
    expect(fal.calls()).toBe(0);
    expect(bodyOf(b).error).toBe("submit_outcome_unknown");
  });
});

describe("bounded memory", () => {
  it("keeps at most its entry cap under 12,000 ids within ten minutes, forgetting the oldest first", async () => {
    const { once, later } = store();
    const fal = falLike();
    const ids = Array.from({ length: 12_000 }, (_, i) => `job-${String(i).padStart(8, "0")}`);
    for (const id of ids) {
      await once.submit(APP, id, SUBMIT, fal.forward);
      later(10);
      expect(once.size()).toBeLessThanOrEqual(DEFAULT_SUBMIT_ID_MAX_ENTRIES);
    }
    expect(once.size()).toBe(DEFAULT_SUBMIT_ID_MAX_ENTRIES);
    expect(once.bytes()).toBeLessThanOrEqual(DEFAULT_SUBMIT_ID_MAX_BYTES);
    const calls = fal.calls();
    // The newest 10,000 are still answered without a forward; the oldest 2,000 were let go.
    expect((await once.submit(APP, ids[2_000]!, SUBMIT, fal.forward)).replayed).toBe(true);
    expect((await once.submit(APP, ids[11_999]!, SUBMIT, fal.forward)).replayed).toBe(true);
    expect(fal.calls()).toBe(calls);
    expect((await once.submit(APP, ids[0]!, SUBMIT, fal.forward)).replayed).toBe(false);
  });

  it("keeps its bytes under the byte cap whatever the answers weigh", async () => {
    const maxBytes = 256 * 1024;
    const { once } = store({ maxBytes });
    const answer = { status: 200, headers: [], body: new Uint8Array(20_000) };
    const big = async (): Promise<Forwarded> => ({ answer, fate: "queued" });
    for (let i = 0; i < 10_500; i += 1) {
      await once.submit(APP, `job-${String(i).padStart(8, "0")}`, SUBMIT, big);
      expect(once.bytes()).toBeLessThanOrEqual(maxBytes);
    }
    expect(once.size()).toBeGreaterThan(0);
  });

  it("lets expired ids go without being asked for them again", async () => {
    const { once, later } = store();
    const fal = falLike();
    for (let i = 0; i < 100; i += 1) await once.submit(APP, `job-${String(i).padStart(8, "0")}`, SUBMIT, fal.forward);
    later(11 * MINUTE);
    await once.submit(APP, "job-zzzzzzzz", SUBMIT, fal.forward);
    expect(once.size()).toBe(1);
  });
});
