import { Writable } from "node:stream";
import { expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { parseConfig } from "../core/config.ts";
import { createApiKey } from "../store/api-keys.ts";
import { buildApp } from "./app.ts";

const now = () => new Date("2026-01-01T00:00:00Z");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A logger stream that keeps every line, parsed. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  let raw = "";
  const stream = new Writable({
    write(chunk, _enc, done) {
      raw += String(chunk);
      for (const l of String(chunk).split("\n")) if (l.trim()) lines.push(JSON.parse(l));
      done();
    },
  });
  return { stream, lines, raw: () => raw };
}

describeStores("security headers, request ids and request logs", (s) => {
  it("every answer carries a strict CSP, nosniff, no-referrer and no framing", async () => {
    const app = await buildApp({ db: s.db(), config: parseConfig({}), now });
    try {
      for (const url of ["/", "/healthz", "/docs/static/index.html", "/v1/customers"]) {
        const res = await app.inject({ method: "GET", url });
        const csp = String(res.headers["content-security-policy"]);
        expect(csp, url).toContain("frame-ancestors 'none'");
        expect(csp, url).toContain("default-src 'self'");
        expect(csp, url).toMatch(/script-src 'self'(;|$)/);
        expect(csp, url).not.toContain("unsafe-inline");
        expect(csp, url).not.toContain("unsafe-eval");
        expect(res.headers["x-content-type-options"], url).toBe("nosniff");
        expect(res.headers["referrer-policy"], url).toBe("no-referrer");
        expect(res.headers["x-frame-options"], url).toBe("DENY");
      }
    } finally {
      await app.close();
    }
  });

  it("honours a sane X-Request-Id, else makes one, and puts it in every error body", async () => {
    const app = await buildApp({ db: s.db(), config: parseConfig({}), now });
    try {
      const mine = await app.inject({
        method: "GET",
        url: "/v1/customers",
        headers: { "x-request-id": "abc-123" },
      });
      expect(mine.statusCode).toBe(401);
      expect(mine.headers["x-request-id"]).toBe("abc-123");
      expect(mine.json()).toMatchObject({ error: "unauthorized", request_id: "abc-123" });

      const made = await app.inject({
        method: "GET",
        url: "/v1/nowhere",
        headers: { "x-request-id": "bad id\u0001" },
      });
      expect(made.headers["x-request-id"]).toMatch(UUID);
      expect(made.json().request_id).toBe(made.headers["x-request-id"]);

      const ok = await app.inject({ method: "GET", url: "/healthz" });
      expect(ok.headers["x-request-id"]).toMatch(UUID);
      expect(ok.json().request_id).toBeUndefined();
      const other = await app.inject({ method: "GET", url: "/healthz" });
      expect(other.headers["x-request-id"]).not.toBe(ok.headers["x-request-id"]);
    } finally {
      await app.close();
    }
  });

  it("logs requests at debug only, each line with its request id, keys redacted", async () => {
    const org = await s.freshOrg();
    const { key } = await createApiKey(s.db(), org.id, { role: "viewer", name: "log", now: now() });
    for (const level of ["info", "debug"] as const) {
      const log = capture();
      const app = await buildApp({
        db: s.db(),
        config: parseConfig({}),
        now,
        logger: { level, stream: log.stream },
      });
      try {
        const headers = { authorization: `Bearer ${key}`, "x-request-id": `req-${level}` };
        expect((await app.inject({ method: "GET", url: "/v1/customers", headers })).statusCode).toBe(200);
        const bad = { authorization: "Bearer hf_wrongwrongwrong", "x-request-id": `bad-${level}` };
        expect(
          (await app.inject({ method: "GET", url: "/v1/customers?key=hf_inquery", headers: bad })).statusCode,
        ).toBe(401);
        expect(log.raw()).not.toContain(key);
        expect(log.raw()).not.toContain("hf_wrongwrongwrong");
        expect(log.raw()).not.toContain("hf_inquery");
        const requestLines = log.lines.filter((l) =>
          /incoming request|request completed/.test(String(l.msg)),
        );
        if (level === "info") {
          expect(log.lines.filter((l) => Number(l.level) <= 30 && l.request_id)).toEqual([]);
          expect(requestLines).toEqual([]);
        } else {
          expect(requestLines.length).toBe(4);
          for (const l of requestLines) expect(l.level).toBe(20);
          for (const l of log.lines.filter((l) => l.req || l.res))
            expect(String(l.request_id)).toMatch(/^(req|bad)-debug$/);
          const incoming = requestLines.filter((l) => l.msg === "incoming request");
          expect(
            incoming.map((l) => (l.req as { headers: { authorization: string } }).headers.authorization),
          ).toEqual(["[redacted]", "[redacted]"]);
          expect((incoming[1]!.req as { url: string }).url).toBe("/v1/customers?key=%5Bredacted%5D");
        }
      } finally {
        await app.close();
      }
    }
  });
});
