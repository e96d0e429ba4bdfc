import { startFakeFal } from "./server";

// Standalone fake fal for Playwright and manual use: `PORT=8790 npx tsx tests/fake-fal/main.ts`.
// Use the printed URL as the proxy URL. Switches can be changed while it runs:
//   curl -X POST $URL/__fake/switches -d '{"queueMs":5000}'   (also GET /__fake/requests, /__fake/jobs,
//   POST /__fake/reset, POST /__fake/jobs/<id>/finish, POST /__fake/models with a {model, price?} entry)
const port = Number(process.env.PORT ?? 0);
const num = (name: string) => (process.env[name] === undefined ? undefined : Number(process.env[name]));
const queueMs = num("FAKE_FAL_QUEUE_MS");
const runMs = num("FAKE_FAL_RUN_MS");

const fake = await startFakeFal({
  port,
  host: process.env.HOST ?? "127.0.0.1",
  switches: { ...(queueMs === undefined ? {} : { queueMs }), ...(runMs === undefined ? {} : { runMs }) },
});
// One line to paste: the fake is its own proxy, so its URL is what Settings → Proxy URL or `--proxy` takes.
console.log(`fake fal: proxy URL ${fake.url} (paste into Settings → Proxy URL, or pass --proxy ${fake.url})`);

const stop = () => {
  void fake.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
