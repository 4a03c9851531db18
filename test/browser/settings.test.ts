/**
 * The Settings tab in a real Chromium against the real service (temporary SQLite store, org "acme",
 * no data, no worker: jobs a config change queues stay queued). An admin key changes a setting,
 * is refused a bad value, reverts to the file defaults, cancels and retries the queued refresh; a viewer
 * key is told Settings need an admin key. Needs a built dashboard: `npx vite build --config web/vite.config.ts`.
 * Screenshots go to test-artifacts/settings*.png.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/api/app.ts";
import { parseConfig } from "../../src/core/config.ts";
import { createApiKey } from "../../src/store/api-keys.ts";
import { closeDb, openDb } from "../../src/store/open-store.ts";
import { ensureOrg } from "../../src/store/orgs.ts";
import { launchChromium } from "../support/browser.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WEB_DIR = path.join(ROOT, "web/dist");
const ARTIFACTS = path.join(ROOT, "test-artifacts");

/**
 * Like startTestServer (test/support/test-server.ts) on an empty org, with a viewer key besides the
 * admin one (that helper makes only an admin key and keeps its store to itself).
 */
async function startServer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "holdfast-settings-"));
  const db = await openDb({ sqlitePath: path.join(dir, "test.db") });
  const now = () => new Date();
  const org = await ensureOrg(db, "acme", now());
  const admin = await createApiKey(db, org.id, { role: "admin", name: "browser test", now: now() });
  const viewer = await createApiKey(db, org.id, { role: "viewer", name: "browser viewer", now: now() });
  const app = await buildApp({ db, config: parseConfig({}), now, webDir: WEB_DIR });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return {
    url,
    adminKey: admin.key,
    viewerKey: viewer.key,
    async close() {
      await app.close();
      await closeDb(db);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
const putRequests: string[] = [];

const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
const jobCount = (status: string) =>
  page
    .locator(".figures > div")
    .filter({ has: page.locator("dt", { hasText: new RegExp(`^${status}$`) }) })
    .locator("dd");
const latestJobs = () => page.getByRole("table", { name: "Latest jobs, newest first" });
const versions = () => page.getByRole("table", { name: "Config versions, newest first" });
const versionRow = (v: number) =>
  versions()
    .locator("tbody tr")
    .filter({ has: page.locator("th", { hasText: new RegExp(`^${v}$`) }) });
const settingsInput = () => page.getByLabel("Settings to change (JSON)");

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIR, "index.html"))) {
    throw new Error("web/dist is not built: run `npx vite build --config web/vite.config.ts` first");
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer();
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: "en-US",
    timezoneId: "UTC",
  });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => {
    // The refused value (422) and the viewer's refusal (403) are logged by Chromium itself.
    if (m.type() === "error" && !/status of (403|422)/.test(m.text())) pageErrors.push(m.text());
  });
  page.on("request", (r) => {
    if (r.method() === "PUT") putRequests.push(r.postData() ?? "");
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("settings page", () => {
  it("opens from the top nav with the empty job queue and version 0, the file defaults", async () => {
    await page.goto(`${server.url}/#key=${server.adminKey}`);
    await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Settings" }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/settings");
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    await page.getByText("Config version 0").waitFor();
    expect(await page.title()).toBe("Settings · Holdfast");

    await page.getByText("No jobs yet").waitFor();
    expect(await jobCount("Queued").textContent()).toBe("0");
    expect(await page.getByText("No dead jobs").count()).toBe(1);

    const json = page.locator("pre.config-json");
    expect(JSON.parse((await json.textContent())!).earlyWarning.levels.high).toBe(60);
    await expect.poll(() => versionRow(0).textContent()).toContain("File defaults");
    expect(await versionRow(0).getByText("Current").count()).toBe(1);
  });

  it("refuses text that is not a JSON object before sending it", async () => {
    await settingsInput().fill('{"earlyWarning": {"levels": {"high": 55}');
    await page.getByRole("button", { name: "Save" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^Not saved.*Not valid JSON: /);
    await settingsInput().fill("[1, 2]");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => alert.textContent()).toContain("The settings must be a JSON object");
    expect(putRequests).toEqual([]);
  });

  it("saves a change with its reason as version 1, lists it, and queues a refresh job", async () => {
    await settingsInput().fill('{"earlyWarning": {"levels": {"high": 55}}}');
    await page.getByLabel("Reason").fill("Fewer misses on high risk");
    const put = page.waitForResponse((r) => r.request().method() === "PUT" && r.url().endsWith("/v1/config"));
    await page.getByRole("button", { name: "Save" }).click();
    expect((await put).status()).toBe(200);

    const saved = page.getByRole("status").filter({ hasText: "Saved version 1." });
    await saved.waitFor();
    expect(await saved.getByRole("list", { name: "Changes in version 1" }).textContent()).toBe(
      "earlyWarning.levels.high: 60 → 55",
    );
    expect(await page.getByRole("alert").count()).toBe(0);

    await page.getByText("Config version 1").waitFor();
    await expect
      .poll(
        async () =>
          JSON.parse((await page.locator("pre.config-json").textContent())!).earlyWarning.levels.high,
      )
      .toBe(55);
    await expect.poll(() => versions().locator("tbody tr").count()).toBe(2);
    const v1 = versionRow(1);
    expect(await v1.textContent()).toContain("Fewer misses on high risk");
    expect(await v1.textContent()).toContain("key:browser test");
    expect(await v1.getByRole("list").textContent()).toBe("earlyWarning.levels.high: 60 → 55");
    expect(await v1.getByText("Current").count()).toBe(1);
    expect(await versionRow(0).getByRole("button", { name: "Revert to this version" }).count()).toBe(1);

    await expect.poll(() => latestJobs().locator("tbody tr").count()).toBe(1);
    const job = latestJobs().locator("tbody tr").first();
    expect(await job.locator("td").nth(0).textContent()).toBe("Score refresh");
    expect(await job.locator("td").nth(1).textContent()).toBe("Queued");
    expect(await job.locator("td").nth(2).textContent()).toBe("0/5");
    expect(await jobCount("Queued").textContent()).toBe("1");
  });

  it("answers a bad value with the API's path message and keeps version 1", async () => {
    await settingsInput().fill('{"earlyWarning": {"levels": {"high": "lots"}, "windowDays": -3}}');
    const put = page.waitForResponse((r) => r.request().method() === "PUT" && r.url().endsWith("/v1/config"));
    await page.getByRole("button", { name: "Save" }).click();
    expect((await put).status()).toBe(422);
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^Not saved.*Invalid configuration/);
    const lines = await alert.locator("li").allTextContents();
    expect(lines.some((l) => l.includes("earlyWarning.levels.high"))).toBe(true);
    expect(lines.some((l) => l.includes("earlyWarning.windowDays"))).toBe(true);
    expect(await page.getByRole("status").filter({ hasText: "Saved version" }).count()).toBe(0);
    expect(await page.getByText("Config version 1").count()).toBe(1);
    expect(await versions().locator("tbody tr").count()).toBe(2);
  });

  it("cancels the queued refresh job and retries it", async () => {
    const row = latestJobs().locator("tbody tr").first();
    const id = await row.locator("th").textContent();
    await row.getByRole("button", { name: `Cancel job ${id}` }).click();
    await expect.poll(() => row.locator("td").nth(1).textContent()).toBe("Cancelled");
    expect(await jobCount("Cancelled").textContent()).toBe("1");

    await row.getByRole("button", { name: `Retry job ${id}` }).click();
    await expect.poll(() => row.locator("td").nth(1).textContent()).toBe("Queued");
    expect(await jobCount("Queued").textContent()).toBe("1");
    expect(await row.getByRole("button", { name: `Cancel job ${id}` }).count()).toBe(1);
  });

  it("reverts to version 0 (the file defaults) after confirming, as version 2", async () => {
    const revert = versionRow(0).getByRole("button", { name: "Revert to this version" });
    // Dismissed: nothing is sent.
    page.once("dialog", (d) => void d.dismiss());
    await revert.click();
    expect(await versions().locator("tbody tr").count()).toBe(2);

    let question = "";
    page.once("dialog", (d) => {
      question = d.message();
      void d.accept();
    });
    const post = page.waitForResponse((r) => r.url().endsWith("/v1/config/revert"));
    await revert.click();
    expect((await post).status()).toBe(200);
    expect(question).toContain("Revert the settings to version 0 (the file defaults)?");
    await page.getByRole("status").filter({ hasText: "Saved version 2: reverted to version 0." }).waitFor();

    await page.getByText("Config version 2").waitFor();
    await expect.poll(() => versions().locator("tbody tr").count()).toBe(3);
    const v2 = versionRow(2);
    expect(await v2.textContent()).toContain("Reverted to version 0 (file defaults)");
    expect(await v2.getByRole("list").textContent()).toBe("earlyWarning.levels.high: 55 → 60");
    expect(await v2.getByText("Current").count()).toBe(1);
    expect(await versionRow(0).getByRole("button", { name: "Revert to this version" }).count()).toBe(1);
    expect(JSON.parse((await page.locator("pre.config-json").textContent())!).earlyWarning.levels.high).toBe(
      60,
    );
    await expect.poll(() => latestJobs().locator("tbody tr").count()).toBe(2);
    expect(await latestJobs().locator("tbody tr td:nth-of-type(1)").allTextContents()).toEqual([
      "Score refresh",
      "Score refresh",
    ]);
    expect(await jobCount("Queued").textContent()).toBe("2");
    await shot("settings");
  });

  it("fits a phone: no sideways page scroll", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByText("Config version 2").waitFor();
    await versions().waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    // The menu folds behind a Menu button at phone width; opened, every page link fits.
    await page.getByRole("button", { name: "Menu" }).click();
    const tab = await page.getByRole("link", { name: "Settings" }).boundingBox();
    expect(tab!.x + tab!.width).toBeLessThanOrEqual(390);
    await shot("settings-phone");
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it("tells a viewer key that Settings need an admin key", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("API key").fill(server.viewerKey);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    const said = await alert.textContent();
    expect(said).toContain("Settings need an admin key");
    expect(said).toContain("This key's role (viewer) may not admin");
    expect(said).toContain("(an admin key): sign in with one");
    expect(said).toMatch(/Request id: \S+/);
    expect(await page.locator("pre.config-json").count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Jobs" }).count()).toBe(0);
    await shot("settings-viewer");
    expect(pageErrors).toEqual([]);
  });
});
