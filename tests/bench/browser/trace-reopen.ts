// Where bench 6's reopen spends the main thread: seeds the cache like bench 6, reopens twice untraced, then once
// with a Chromium trace, and prints the renderer main thread's long tasks and time per event kind from the app's
// navigation until it is interactive (see reopen-cached.ts). `npx tsx tests/bench/browser/trace-reopen.ts <dist> [nodes] [trace.json]` (under the e2e lock).
import { writeFileSync } from "node:fs";
import { launchChromium } from "./chromium";
import { describePhases, reopen, seedCachedWorkflow } from "./reopen-cached";
import { serveStatic } from "./static-server";

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; functionName?: string; type?: string; documentLoaderURL?: string } };
}

const [dist = "dist", nodesArg = "50", out] = process.argv.slice(2);
const nodes = Number(nodesArg);
const server = await serveStatic(dist, "/reelflow/");
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 4000, height: 2600 } });
  const page = await context.newPage();
  await seedCachedWorkflow(page, server.url, nodes);
  for (let i = 0; i < 2; i++) console.log("untraced:", describePhases((await reopen(page, server.url, nodes)).phases));
  await browser.startTracing(page, {
    categories: [
      "devtools.timeline",
      "disabled-by-default-devtools.timeline",
      "v8.execute",
      "blink.user_timing",
      "__metadata",
    ],
  });
  const r = await reopen(page, server.url, nodes);
  const buf = await browser.stopTracing();
  console.log(
    `traced: all shown ${r.ms.toFixed(0)} ms, interactive ${r.interactiveMs.toFixed(0)} ms; ${describePhases(r.phases)}`,
  );
  if (out) writeFileSync(out, buf);
  const events = (JSON.parse(buf.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  // The renderer main thread of the page: the thread named CrRendererMain that ran the most tasks.
  const mains = events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain");
  const tasks = (pid: number, tid: number) =>
    events.filter((e) => e.pid === pid && e.tid === tid && e.ph === "X" && e.name === "RunTask");
  const main = mains.map((m) => ({ m, n: tasks(m.pid, m.tid).length })).sort((a, b) => b.n - a.n)[0]?.m;
  if (!main) throw new Error("no renderer main thread in the trace");
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X" && e.dur !== undefined);
  // The app's own navigation (the trace also holds the empty tab's, which reopen() passes through first).
  const nav = events
    .filter(
      (e) => e.name === "navigationStart" && e.pid === main.pid && e.args?.data?.documentLoaderURL?.startsWith("http"),
    )
    .pop();
  if (!nav) throw new Error("no navigation to the app in the trace");
  const t0 = nav.ts;
  const end = t0 + r.interactiveMs * 1000;
  const within = onMain.filter((e) => e.ts >= t0 && e.ts <= end);
  const top = within.filter((e) => e.name === "RunTask");
  const busy = top.reduce((s, e) => s + (e.dur ?? 0), 0) / 1000;
  console.log(`main thread busy ${busy.toFixed(0)} ms of ${r.interactiveMs.toFixed(0)} ms (${top.length} tasks)`);
  // Time per event kind (inclusive; nested kinds overlap), largest first.
  const byName = new Map<string, number>();
  for (const e of within) if (e.name !== "RunTask") byName.set(e.name, (byName.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  console.log(
    [...byName]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 18)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(", "),
  );
  // Tasks over 15 ms with what ran in them (direct children's kinds and the script functions called).
  for (const t of top.filter((e) => (e.dur ?? 0) > 15_000)) {
    const inner = within.filter((e) => e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0));
    const kinds = new Map<string, number>();
    for (const e of inner) {
      const label =
        e.name === "FunctionCall" || e.name === "EvaluateScript"
          ? `${e.name}(${(e.args?.data?.functionName || e.args?.data?.url || "").split("/").pop()})`
          : e.name === "EventDispatch"
            ? `Event(${e.args?.data?.type ?? ""})`
            : e.name;
      kinds.set(label, Math.max(kinds.get(label) ?? 0, (e.dur ?? 0) / 1000));
    }
    const desc = [...kinds]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(", ");
    console.log(`  @${((t.ts - t0) / 1000).toFixed(0)} ${((t.dur ?? 0) / 1000).toFixed(0)} ms: ${desc}`);
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
