// `npm run proxy`: the standalone fal proxy for a static Reelflow hosted elsewhere. Settings come from the
// environment only: FAL_KEY, ALLOWED_ORIGINS, ALLOWED_ENDPOINTS, MAX_BODY_BYTES, PORT, HOST.
import { DEFAULT_ALLOWED_ENDPOINTS, FAL_PLATFORM_HOST, FAL_PLATFORM_PATHS } from "./policy";
import { readStandaloneConfig, startStandaloneProxy } from "./standalone";

/** The default list can hold hundreds of snapshot ids: say how many rather than print them all. */
function describeEndpoints(endpoints: readonly string[], fromEnv: string | undefined): string {
  const platform = `GET ${FAL_PLATFORM_PATHS.map((p) => `${FAL_PLATFORM_HOST}${p}`).join(", ")}`;
  if (fromEnv?.trim()) return `endpoints ${endpoints.join(", ")}; ${platform}`;
  const fromSnapshot = endpoints.length - DEFAULT_ALLOWED_ENDPOINTS.length;
  return `endpoints: the curated families and ${fromSnapshot} more from the bundled catalogue snapshot; ${platform}`;
}

const read = readStandaloneConfig(process.env);
if (!read.ok) {
  for (const e of read.errors) console.error(`reelflow proxy: ${e}`);
  process.exit(2);
}
const { config } = read;
const running = await startStandaloneProxy(config);
console.log(`reelflow proxy: listening on ${running.url}`);
console.log(`reelflow proxy: origins ${config.allowedOrigins.join(", ")}`);
console.log(`reelflow proxy: ${describeEndpoints(config.allowedEndpoints, process.env.ALLOWED_ENDPOINTS)}`);
if (!config.falKey) console.warn("reelflow proxy: FAL_KEY is not set; every call will answer 401 until it is.");

const stop = () => {
  void running.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
