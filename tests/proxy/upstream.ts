// A stand-in for fal's hosts on 127.0.0.1 that records what the proxy forwarded. Only the proxy tests use it;
// the app's journeys use the full fake fal under tests/fake-fal.
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface Upstream {
  origin: string;
  seen: SeenRequest[];
  /** Replace the default answer (a queue-submit-like JSON with x-fal-request-id) for the next requests. */
  respond(fn: (req: SeenRequest, res: ServerResponse) => void): void;
  close(): Promise<void>;
}

export async function startUpstream(): Promise<Upstream> {
  const seen: SeenRequest[] = [];
  let responder = (req: SeenRequest, res: ServerResponse) => {
    res.setHeader("content-type", "application/json");
    res.setHeader("x-fal-request-id", "req-123");
    res.setHeader("access-control-allow-origin", "*");
    res.end(JSON.stringify({ request_id: "req-123", status: "IN_QUEUE", echo: req.path }));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r: SeenRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      seen.push(r);
      responder(r, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    respond(fn) {
      responder = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
