import { expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { parseConfig } from "../core/config.ts";
import { buildApp } from "./app.ts";

describeStores("HTTP app", (s) => {
  it("GET /healthz answers with the store it reached", async () => {
    const app = await buildApp({
      db: s.db(),
      config: parseConfig({}),
      now: () => new Date("2026-01-01T00:00:00Z"),
    });
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", database: s.name, time: "2026-01-01T00:00:00.000Z" });
    const page = await app.inject({ method: "GET", url: "/" });
    expect(page.headers["content-type"]).toMatch(/text\/html/);
    await app.close();
  });
});
