import { beforeAll, expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { zerosZip } from "../../test/support/zip-bomb.ts";
import { parseConfig } from "../core/config.ts";
import { createApiKey } from "../store/api-keys.ts";
import { buildApp } from "./app.ts";

// Issue 10: zip bombs, CSV formula injection, long ids and Fastify's own errors.
const now = () => new Date("2026-01-01T00:00:00Z");
const config = parseConfig({});

function multipartBody(name: string, content: Uint8Array) {
  const boundary = "----holdfast-hardening";
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/zip\r\n\r\n`,
      ),
      Buffer.from(content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

/** The documented error body: exactly error, message and details. */
function expectErrorBody(res: { statusCode: number; json(): unknown }, status: number, error: string) {
  expect(res.statusCode).toBe(status);
  const body = res.json() as Record<string, unknown>;
  // The three documented fields (and the request id, when the app adds one), nothing else.
  expect(
    Object.keys(body)
      .filter((k) => k !== "request_id")
      .sort(),
  ).toEqual(["details", "error", "message"]);
  expect(body.error).toBe(error);
  expect(typeof body.message).toBe("string");
  expect(Array.isArray(body.details)).toBe(true);
  return body as { error: string; message: string; details: string[] };
}

describeStores("HTTP hardening (issue 10)", (s) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let key: string;
  let auth: { authorization: string };

  beforeAll(async () => {
    const org = await s.freshOrg();
    key = (await createApiKey(s.db(), org.id, { role: "admin", name: "admin", now: now() })).key;
    auth = { authorization: `Bearer ${key}` };
    app = await buildApp({ db: s.db(), config, now, webDir: "/nonexistent" });
  });

  const put = (id: string, body: unknown) =>
    app.inject({
      method: "PUT",
      url: `/v1/customers/${encodeURIComponent(id)}`,
      payload: body as object,
      headers: auth,
    });

  it("refuses a zip bomb upload with 413 limit_exceeded naming the limit, and writes nothing", async () => {
    const bomb = zerosZip(200);
    const res = await app.inject({
      method: "POST",
      url: "/v1/imports",
      ...withAuth(multipartBody("bomb.zip", bomb)),
    });
    const body = expectErrorBody(res, 413, "limit_exceeded");
    expect(body.message).toMatch(/bomb\.zip: ravenstack_accounts\.csv expands more than 200 times/);
    expect(body.details).toEqual(["limit: ratio 200"]);
    const history = await app.inject({ method: "GET", url: "/v1/imports", headers: auth });
    expect(history.json().items).toEqual([]);
  });

  function withAuth(b: { payload: Buffer; headers: Record<string, string> }) {
    return { payload: b.payload, headers: { ...b.headers, ...auth } };
  }

  it("escapes formula cells in the CSV export (OWASP: a leading quote, and the cell quoted)", async () => {
    expect(
      (await put("F-1", { name: '=HYPERLINK("http://x","y")', plan_tier: "Pro", arr: 100 })).statusCode,
    ).toBe(201);
    expect((await put("F-2", { name: "@SUM(A1)", plan_tier: "+1", arr: 100 })).statusCode).toBe(201);
    expect((await put("-F-3", { name: "\tTab", plan_tier: "Pro", arr: 100 })).statusCode).toBe(201);
    const res = await app.inject({ method: "GET", url: "/v1/customers?format=csv", headers: auth });
    expect(res.statusCode).toBe(200);
    const lines = res.body.split("\r\n");
    const f1 = lines.find((l) => l.startsWith("F-1,"));
    expect(f1).toContain(`,"'=HYPERLINK(""http://x"",""y"")",`);
    const f2 = lines.find((l) => l.startsWith("F-2,"));
    expect(f2).toContain(`,"'@SUM(A1)","'+1",`);
    const f3 = lines.find((l) => l.startsWith(`"'-F-3",`));
    expect(f3).toContain(`,"'\tTab",`);
    // Plain numbers are not touched.
    expect(f1).toMatch(/,100,/);
  });

  it("reaches customers with ids up to the 200-character limit on every route", async () => {
    for (const id of ["L".repeat(150), "é".repeat(200), `${"x/".repeat(99)}yz`]) {
      expect(id.length).toBeLessThanOrEqual(200);
      const created = await put(id, { name: "Long", plan_tier: "Pro", arr: 10 });
      expect(created.statusCode, created.body).toBe(201);
      const path = `/v1/customers/${encodeURIComponent(id)}`;
      for (const url of [path, `${path}/outcomes`, `${path}/lifecycle`, `${path}/scores`]) {
        const res = await app.inject({ method: "GET", url, headers: auth });
        expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      }
      const outcome = await app.inject({
        method: "POST",
        url: `${path}/outcomes`,
        payload: { outcome: "contacted", notes: "ok" },
        headers: auth,
      });
      expect(outcome.statusCode, outcome.body).toBe(201);
    }
  });

  it("answers ids over the limit in the documented error format", async () => {
    const over = await app.inject({ method: "GET", url: `/v1/customers/${"L".repeat(201)}`, headers: auth });
    expectErrorBody(over, 400, "invalid_input");
    const huge = await app.inject({ method: "GET", url: `/v1/customers/${"L".repeat(5000)}`, headers: auth });
    const body = expectErrorBody(huge, 414, "limit_exceeded");
    expect(body.details[0]).toMatch(/^limit: maxParamLength \d+$/);
  });

  it("maps Fastify's own errors to the documented error model", async () => {
    const big = await app.inject({
      method: "PUT",
      url: "/v1/customers/B-1",
      payload: JSON.stringify({ name: "x".repeat(2 * 2 ** 20) }),
      headers: { ...auth, "content-type": "application/json" },
    });
    expect(expectErrorBody(big, 413, "limit_exceeded").details).toEqual(["limit: bodyLimit 1048576"]);

    const media = await app.inject({
      method: "PUT",
      url: "/v1/customers/B-1",
      payload: "name=x",
      headers: { ...auth, "content-type": "application/xml" },
    });
    expectErrorBody(media, 415, "invalid_input");

    const json = await app.inject({
      method: "PUT",
      url: "/v1/customers/B-1",
      payload: '{"name": ',
      headers: { ...auth, "content-type": "application/json" },
    });
    expectErrorBody(json, 400, "invalid_input");

    const empty = await app.inject({
      method: "PUT",
      url: "/v1/customers/B-1",
      payload: "",
      headers: { ...auth, "content-type": "application/json" },
    });
    expectErrorBody(empty, 400, "invalid_input");

    const noBoundary = await app.inject({
      method: "POST",
      url: "/v1/imports",
      payload: "--x\r\n",
      headers: { ...auth, "content-type": "multipart/form-data" },
    });
    expect(expectErrorBody(noBoundary, 400, "invalid_input").message).toMatch(/boundary/);
  });

  it("answers 404 for the outcomes and lifecycle of an unknown customer", async () => {
    for (const tail of ["outcomes", "lifecycle"]) {
      const res = await app.inject({ method: "GET", url: `/v1/customers/NOPE/${tail}`, headers: auth });
      expect(expectErrorBody(res, 404, "not_found").message).toMatch(/NOPE/);
    }
  });

  it("answers an unknown route in the error model even without a built dashboard", async () => {
    for (const url of ["/v1/no-such-thing", "/no-such-page"]) {
      const res = await app.inject({ method: "GET", url, headers: auth });
      expect(expectErrorBody(res, 404, "not_found").message).toBe(`No route GET ${url}`);
    }
  });
});
