/**
 * The Outbox page (issue 12) in a real Chromium against the real service: a webhook endpoint at a
 * local receiver that fails (500) while `failing` is set, one attempt allowed, so a test send ends
 * dead; a second send, with the receiver healthy, is sent. The page lists both; the status filter
 * narrows to the dead one; its attempts open with the 500; Redeliver puts it back to pending (no
 * worker runs, so it stays there) and the API agrees. Needs a built dashboard (`npm run build`).
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboxList } from "../../src/contracts/outbox.ts";
import { launchChromium } from "../support/browser.ts";
import { startTestServer } from "../support/test-server.ts";
import { startReceiver } from "../support/webhook-receiver.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WEB_DIR = path.join(ROOT, "web/dist");
const SHOTS = path.join(ROOT, "test-results/screenshots");

let server: Awaited<ReturnType<typeof startTestServer>>;
let rx: Awaited<ReturnType<typeof startReceiver>>;
let browser: Browser;
let page: Page;
let failing = true;
let secret = "";
const pageErrors: string[] = [];

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: {
      Authorization: `Bearer ${server.key}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

describe("Outbox page", () => {
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startTestServer({ webDir: WEB_DIR, ravenstack: false, worker: false });
    rx = await startReceiver({ secret: () => secret, answer: () => (failing ? 500 : 200) });
    await call("PUT", "/v1/config", {
      config: { delivery: { retry: { maxAttempts: { webhook: 1 } } } },
      reason: "outbox page test",
    });
    const ep = await call<{ id: number; secret: string }>("POST", "/v1/webhooks", {
      url: rx.url,
      events: ["play.fired"],
    });
    secret = ep.secret;
    expect(await call("POST", `/v1/webhooks/${ep.id}/test`)).toMatchObject({ status: "dead", code: "500" });
    failing = false;
    expect(await call("POST", `/v1/webhooks/${ep.id}/test`)).toMatchObject({ status: "sent", code: "200" });

    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: "en-US",
      timezoneId: "UTC",
    });
    page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/#key=${server.key}`);
    await page.getByRole("link", { name: "Outbox" }).waitFor({ timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await rx?.close();
    await server?.close();
  });

  it("lists, filters by status, shows attempts and redelivers a dead webhook", async () => {
    await page.getByRole("link", { name: "Outbox" }).click();
    const rows = page.locator("table[aria-label='Outbox'] > tbody > tr[data-id]");
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(2);
    await page.getByLabel("Status").selectOption("dead");
    await expect.poll(() => page.evaluate(() => location.hash), { timeout: 30_000 }).toContain("status=dead");
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(1);
    const dead = rows.first();
    expect(await dead.getAttribute("data-status")).toBe("dead");
    await dead.getByRole("button", { name: "Attempts" }).click();
    const attempts = page.locator("table.attempts tbody tr");
    await expect.poll(() => attempts.count(), { timeout: 30_000 }).toBe(1);
    expect(await attempts.first().textContent()).toContain("500");
    await page.screenshot({ path: path.join(SHOTS, "outbox-dead.png"), fullPage: true });

    await dead.getByRole("button", { name: "Redeliver" }).click();
    // Redelivered: no longer dead, so the dead filter shows nothing.
    await expect
      .poll(() => page.getByText("Nothing in the outbox matches").count(), { timeout: 30_000 })
      .toBe(1);
    const list = await call<OutboxList>("GET", "/v1/outbox?channel=webhook");
    expect(list.items.map((i) => i.status).sort()).toEqual(["pending", "sent"]);
    await page.getByLabel("Status").selectOption("pending");
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it("adds an endpoint showing its secret once, and test-sends to one", async () => {
    const panel = page.locator("section", { has: page.getByRole("heading", { name: "Webhook endpoints" }) });
    await panel.getByLabel("Endpoint URL").fill(`${rx.url}?second`);
    await panel.getByRole("button", { name: "Add endpoint" }).click();
    await expect
      .poll(() => panel.getByRole("status").first().textContent(), { timeout: 30_000 })
      .toMatch(/shown only now: whsec_[0-9a-f]{64}/);
    await expect.poll(() => panel.locator("li[data-endpoint]").count(), { timeout: 30_000 }).toBe(2);
    const before = rx.accepted().length;
    await panel.locator("li[data-endpoint]").first().getByRole("button", { name: "Send test event" }).click();
    await expect
      .poll(() => panel.locator("li[data-endpoint]").first().textContent(), { timeout: 30_000 })
      .toContain("Test: sent (200)");
    expect(rx.accepted().length).toBe(before + 1);
    await page.screenshot({ path: path.join(SHOTS, "outbox-webhooks.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
