/**
 * The Settings page's API keys section in a real Chromium against the real service (temporary
 * SQLite store, org "acme", no data): an admin creates a key (shown once, copyable), sees it listed
 * without the key, revokes it after confirming, and the revoked key no longer works.
 * Needs a built dashboard: `npm run build`. Screenshot: test-artifacts/settings-api-keys.png.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser.ts";
import { startTestServer } from "../support/test-server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WEB_DIR = path.join(ROOT, "web/dist");
const ARTIFACTS = path.join(ROOT, "test-artifacts");

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const keyTable = () => page.getByRole("table", { name: "API keys, newest first" });
const keyRow = (name: string) =>
  keyTable()
    .locator("tbody tr")
    .filter({ has: page.locator("th", { hasText: new RegExp(`^${name}$`) }) });

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIR, "index.html")))
    throw new Error("web/dist is not built: run `npm run build`");
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer({ webDir: WEB_DIR, ravenstack: false, worker: false });
  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: "en-US",
    timezoneId: "UTC",
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of 401/.test(m.text())) pageErrors.push(m.text());
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("API keys on the Settings page", () => {
  it("lists the admin's own key, never the key itself", async () => {
    await page.goto(`${server.url}/#key=${server.key}`);
    await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Settings" }).click();
    await page.getByRole("heading", { name: "API keys", level: 2 }).waitFor();
    await keyRow("browser test").waitFor();
    const row = await keyRow("browser test").textContent();
    expect(row).toContain("admin");
    expect(row).toContain(`${server.key.slice(0, 10)}…`);
    expect(await keyTable().textContent()).not.toContain(server.key);
  });

  it("creates a key shown once with a copy button", async () => {
    await page.getByLabel("Key name").fill("warehouse sync");
    await page.getByLabel("Role").selectOption("ingest");
    await page.getByLabel("Expires").selectOption({ label: "30 days" });
    const post = page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/v1/keys"));
    await page.getByRole("button", { name: "Create key" }).click();
    expect((await post).status()).toBe(201);
    const shown = page.getByLabel("New API key");
    await shown.waitFor();
    const key = await shown.inputValue();
    expect(key).toMatch(/^hf_[A-Za-z0-9_-]{40}$/);
    expect(await page.getByRole("status").filter({ hasText: "shown only once" }).count()).toBe(1);
    await page.getByRole("button", { name: "Copy the new key" }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(key);

    await keyRow("warehouse sync").waitFor();
    const row = keyRow("warehouse sync");
    expect(await row.locator("td").nth(0).textContent()).toBe("ingest");
    expect(await row.locator("td").nth(2).textContent()).toBe("key:browser test");
    expect(await row.locator("td").nth(4).textContent()).toBe("Never");
    expect(await keyTable().textContent()).not.toContain(key);
    const works = await fetch(`${server.url}/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ events: [] }),
    });
    expect(works.status).not.toBe(401);
    await page.screenshot({ path: path.join(ARTIFACTS, "settings-api-keys.png"), fullPage: true });

    // Shown once: gone after a reload.
    await page.reload();
    await keyRow("warehouse sync").waitFor();
    expect(await page.getByLabel("New API key").count()).toBe(0);
    expect(await page.content()).not.toContain(key);

    // Revoke after confirming; dismissing sends nothing.
    page.once("dialog", (d) => void d.dismiss());
    await page.getByRole("button", { name: "Revoke key warehouse sync" }).click();
    expect(await keyRow("warehouse sync").count()).toBe(1);
    let question = "";
    page.once("dialog", (d) => {
      question = d.message();
      void d.accept();
    });
    const del = page.waitForResponse((r) => r.request().method() === "DELETE");
    await page.getByRole("button", { name: "Revoke key warehouse sync" }).click();
    expect((await del).status()).toBe(200);
    expect(question).toContain('Revoke the key "warehouse sync" (ingest)?');
    await page.getByRole("status").filter({ hasText: 'Revoked the key "warehouse sync".' }).waitFor();
    await expect.poll(() => keyRow("warehouse sync").count()).toBe(0);
    const refused = await fetch(`${server.url}/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ events: [] }),
    });
    expect(refused.status).toBe(401);
    expect(pageErrors).toEqual([]);
  });
});
