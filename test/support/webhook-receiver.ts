import http from "node:http";
import type { AddressInfo } from "node:net";
import { verifySignature } from "../../src/usecases/delivery/webhook-signature.ts";

export interface Received {
  body: string;
  headers: http.IncomingHttpHeaders;
  verified: boolean;
  status: number;
}

/**
 * A real HTTP receiver for webhook tests: verifies each request's Holdfast-Signature with the
 * secret it is given (as a customer's server would), answers with `answer(n)` for the n-th
 * request (1-based), and keeps what it got. Accepted: verified requests answered 2xx.
 */
export async function startReceiver(opts: {
  answer?: (n: number) => number;
  secret?: () => string;
  now?: () => Date;
  /** false: accept unsigned requests (a Slack incoming webhook). */
  verify?: boolean;
}) {
  const got: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const sig = req.headers["holdfast-signature"];
      const secret = opts.secret?.() ?? "";
      const verified =
        opts.verify === false ||
        (secret !== "" &&
          verifySignature(typeof sig === "string" ? sig : undefined, body, secret, opts.now?.() ?? new Date())
            .ok);
      const status = verified ? (opts.answer?.(got.length + 1) ?? 200) : 401;
      got.push({ body, headers: req.headers, verified, status });
      res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "nope");
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    got,
    accepted: () => got.filter((g) => g.verified && g.status < 300),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
