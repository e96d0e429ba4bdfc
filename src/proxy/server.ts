// `npm run proxy`: the standalone fal proxy for a static Reelflow hosted elsewhere. Settings come from the
// environment only: FAL_KEY, ALLOWED_ORIGINS, ALLOWED_ENDPOINTS, MAX_BODY_BYTES, PORT, HOST.
import { readStandaloneConfig, startStandaloneProxy } from "./standalone";

const read = readStandaloneConfig(process.env);
if (!read.ok) {
  for (const e of read.errors) console.error(`reelflow proxy: ${e}`);
  process.exit(2);
}
const { config } = read;
const running = await startStandaloneProxy(config);
console.log(`reelflow proxy: listening on ${running.url}`);
console.log(`reelflow proxy: origins ${config.allowedOrigins.join(", ")}`);
console.log(`reelflow proxy: endpoints ${config.allowedEndpoints.join(", ")}`);
if (!config.falKey) console.warn("reelflow proxy: FAL_KEY is not set; every call will answer 401 until it is.");

const stop = () => {
  void running.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
