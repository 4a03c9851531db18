import http from "node:http";
import https from "node:https";
import type { DeliveryResult } from "./deliverer.ts";

/**
 * POSTs a JSON body under a timeout and classifies the answer: 2xx ok; 408, 429 and 5xx
 * retryable; other 4xx (and 3xx: redirects are not followed) final; network errors and
 * timeouts retryable. Never throws.
 *
 * Node's http/https clients with keep-alive agents rather than `fetch`: on this workload
 * (thousands of small POSTs) they were 2.5x faster than `fetch` (BENCHMARKS.md, "Delivery");
 * the timeout is an AbortSignal all the same.
 */
const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 64 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<DeliveryResult> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return Promise.resolve({ ok: false, retryable: false, error: `not a URL: ${url}` });
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    return Promise.resolve({ ok: false, retryable: false, error: `not an http(s) URL: ${url}` });
  const timeout = AbortSignal.timeout(timeoutMs);
  const client = u.protocol === "https:" ? https : http;
  return new Promise<DeliveryResult>((resolve) => {
    const req = client.request(
      u,
      {
        method: "POST",
        agent: agents[u.protocol as "http:" | "https:"],
        headers: {
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          "user-agent": "Holdfast-Webhooks/1",
          ...headers,
        },
        signal: AbortSignal.any([signal, timeout]),
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          if (text.length < 300) text += c;
        });
        res.on("error", () => undefined);
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          const code = String(status);
          const snippet = text.slice(0, 300);
          if (status >= 200 && status < 300) return resolve({ ok: true, code, detail: snippet || undefined });
          const retryable = status === 408 || status === 429 || status >= 500;
          resolve({ ok: false, retryable, code, error: `HTTP ${status}${snippet ? `: ${snippet}` : ""}` });
        });
      },
    );
    req.on("error", (e: Error & { code?: string }) => {
      if (timeout.aborted)
        return resolve({
          ok: false,
          retryable: true,
          code: "timeout",
          error: `no answer within ${timeoutMs} ms`,
        });
      if (signal.aborted)
        return resolve({
          ok: false,
          retryable: true,
          code: "aborted",
          error: "delivery stopped (dispatcher cancelled)",
        });
      resolve({
        ok: false,
        retryable: true,
        code: "network",
        error: `network error: ${e.code ?? e.message}`,
      });
    });
    req.end(body);
  });
}
