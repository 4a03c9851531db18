/**
 * The Models page in a real Chromium against the real service (temporary SQLite store, org "acme"
 * holding a small demo workspace, one embedded worker): Train now queues both models, the worker
 * trains them, the card shows the figures against the baselines, the calibration and lift charts,
 * and why the churn model is not promoted (too little history for the default minimum); an admin
 * promotes it by hand with a reason, and the customer page then explains the customer's churn
 * risk with the model's contributions. Needs a built dashboard (`npm run build`).
 * Screenshots go to test-artifacts/models*.png.
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
const END = "2026-06-30";

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIR, "index.html")))
    throw new Error("web/dist is not built: run `npm run build` first");
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer({
    webDir: WEB_DIR,
    demo: { customers: 120, seed: 5, end: END, months: 12 },
    history: false,
    now: () => new Date(`${END}T12:00:00Z`),
  });
  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: "en-US",
    timezoneId: "UTC",
  });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("models page", () => {
  it("trains from the page, shows the model card, promotes by hand, explains a customer", async () => {
    await page.goto(`${server.url}/#key=${server.key}`);
    await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Models" }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/models");
    await page.getByText("No model trained yet").waitFor();
    await page.getByText(/at least 6 monthly snapshots and 30 positives/).waitFor();
    await page.getByRole("button", { name: "Train now" }).click();
    await page.getByText(/Training queued: churn \(job \d+\), expansion \(job \d+\)/).waitFor();
    // The worker trains both; reload until the cards are there.
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByRole("heading", { name: "Models", level: 1 }).waitFor();
          return page.getByRole("heading", { name: /^(Churn|Expansion) model v1/ }).count();
        },
        { timeout: 120_000, interval: 2_000 },
      )
      .toBe(2);
    const churn = page
      .locator("section.model-card")
      .filter({ has: page.getByRole("heading", { name: /^Churn model v1/ }) });
    await churn.getByRole("row", { name: /^This model \(calibrated\)/ }).waitFor();
    await churn.getByRole("row", { name: /^Composite churn risk/ }).waitFor();
    await churn.getByRole("row", { name: /^Early-warning rules/ }).waitFor();
    expect(await churn.getByRole("img", { name: /^Calibration:/ }).count()).toBe(1);
    expect(await churn.getByRole("img", { name: /^Cumulative gains:/ }).count()).toBe(1);
    expect(await churn.locator(".model-importance li").count()).toBeGreaterThan(3);
    const status = await churn.locator(".model-status").textContent();
    if (status === "candidate") {
      await churn.getByText(/^(Too little history|Does not beat)/).waitFor();
      await churn.getByLabel(/Promote by hand/).fill("checked the card with the CS lead");
      await churn.getByRole("button", { name: "Promote" }).click();
      await expect.poll(() => churn.locator(".model-status").textContent()).toBe("promoted");
      await churn.getByText("Promoted by hand: checked the card with the CS lead").waitFor();
    }
    await page.screenshot({ path: path.join(ARTIFACTS, "models.png"), fullPage: true });

    const id = (
      await server.db.kysely
        .selectFrom("customers")
        .select("id")
        .where("status", "<>", "churned")
        .orderBy("id")
        .executeTakeFirstOrThrow()
    ).id;
    await page.goto(`${server.url}/#/customers/${encodeURIComponent(id)}`);
    const section = page.getByRole("region", { name: "Why the churn model says so" });
    await section.getByText(/^Churn probability/).waitFor({ timeout: 60_000 });
    expect(await section.locator("li").count()).toBeGreaterThan(0);
    expect(await section.locator("li").first().textContent()).toMatch(/: [+-]\d+\.\d\d$/);
    await page.screenshot({ path: path.join(ARTIFACTS, "models-customer.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
