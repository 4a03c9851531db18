/**
 * Layout and states of the dashboard in a real Chromium against the real service (temporary SQLite
 * store with the shared RavenStack data): no page scrolls sideways at 390 px, the menu folds behind a
 * button, Escape closes the brief, the focus ring is visible, the checklist is in due order, and a
 * failed call says what failed, what to do and its request id. Screenshots of every page at 1440x900
 * and 390x844 go to test-artifacts/screenshots/ (gitignored). Needs a built dashboard (`npm run build`).
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser.ts";
import { startTestServer } from "../support/test-server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WEB_DIR = path.join(ROOT, "web/dist");
const SHOTS = path.join(ROOT, "test-artifacts/screenshots");
const PAGES = ["executive", "drivers", "at-risk", "renewals", "tickets", "data", "settings"] as const;

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const hash = () => page.evaluate(() => location.hash);
const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
const brief = () => page.getByRole("complementary", { name: "Customer brief" });

/** Open a page by its address and wait for its heading (and, on the list, its rows). */
async function open(route: string) {
  await page.goto(`${server.url}/#/${route}`);
  await page.locator("main h1").first().waitFor();
  if (route.startsWith("at-risk")) await page.locator("table.customers tbody tr").first().waitFor();
  if (route === "executive" || route === "drivers") await page.locator(".link-bars").first().waitFor();
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIR, "index.html"))) {
    throw new Error("web/dist is not built: run `npm run build` first");
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer({ webDir: WEB_DIR, worker: false }); // no worker: the import's history backfill stays queued
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: "en-US",
    timezoneId: "UTC",
  });
  page = await context.newPage();
  await page.goto(`${server.url}/#key=${server.key}`);
  await page.waitForFunction(() => location.hash === "#/executive");
}, 600_000); // the RavenStack import takes minutes on a loaded machine

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("layout and states", () => {
  it("shows every page at 1440x900 and 390x844 without sideways scrolling, with screenshots", async () => {
    const wide: Record<string, number> = {};
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const p of PAGES) {
        await open(p);
        await page.screenshot({ path: path.join(SHOTS, `${p}-${width}.png`), fullPage: true });
        if (width === 390) wide[p] = await scrollWidth();
      }
    }
    // A customer's page and the list with an open brief, at phone width.
    await open("at-risk?customer=S-be079b");
    await brief().getByRole("heading").first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, "at-risk-brief-390.png"), fullPage: true });
    wide["at-risk with brief"] = await scrollWidth();
    await page.goto(`${server.url}/#/customers/S-be079b`);
    await page.locator("#customer-title").waitFor();
    await page.screenshot({ path: path.join(SHOTS, "customer-390.png"), fullPage: true });
    wide.customer = await scrollWidth();
    expect(Object.entries(wide).filter(([, w]) => w > 390)).toEqual([]);
    expect(Object.keys(wide)).toHaveLength(PAGES.length + 2);
  });

  it("folds the menu behind a button at 390 px; a page link opens the page and folds it again", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open("executive");
    const nav = page.getByRole("navigation", { name: "Pages" });
    expect(await nav.isVisible()).toBe(false);
    const menu = page.getByRole("button", { name: "Menu" });
    await menu.click();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    await nav.getByRole("link", { name: "Tickets" }).click();
    await expect.poll(hash, { timeout: 15_000 }).toBe("#/tickets");
    await expect.poll(() => nav.isVisible(), { timeout: 15_000 }).toBe(false);
    expect(await page.getByRole("button", { name: "Sign out" }).isVisible()).toBe(false);
  });

  it("closes the brief with Escape, and its outcome log is reachable inside it", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await open("at-risk?customer=S-be079b");
    const b = brief();
    await b.getByRole("heading", { name: "Company_293" }).waitFor();
    const box = await b.evaluate((el) => ({
      overflowY: getComputedStyle(el).overflowY,
      fits: el.getBoundingClientRect().height <= window.innerHeight,
    }));
    expect(box).toEqual({ overflowY: "auto", fits: true });
    await b.getByRole("button", { name: "Log outcome" }).scrollIntoViewIfNeeded();
    expect(await b.getByRole("button", { name: "Log outcome" }).isVisible()).toBe(true);

    await page.keyboard.press("Escape");
    await expect.poll(() => b.count(), { timeout: 15_000 }).toBe(0);
    expect(await hash()).not.toContain("customer=");
  });

  it("lists the checklist steps by due day", async () => {
    await open("at-risk?customer=S-be079b");
    const steps = brief().locator("ul.checklist li .step-meta");
    await steps.first().waitFor();
    const due = (await steps.allTextContents()).map(
      (t) => new Date(`${/Due ([^·]+)/.exec(t)?.[1]?.trim()} UTC`),
    );
    expect(due.length).toBeGreaterThan(1);
    const times = due.map((d) => d.getTime());
    expect(times.every((t) => !Number.isNaN(t))).toBe(true);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("draws a visible focus ring on a focused link", async () => {
    await open("executive");
    await page.keyboard.press("Tab"); // the skip link
    await page.keyboard.press("Tab"); // the first page link
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const s = getComputedStyle(el);
      return {
        tag: el.tagName,
        style: s.outlineStyle,
        width: Number.parseFloat(s.outlineWidth),
        color: s.outlineColor,
      };
    });
    expect(ring.tag).toBe("A");
    expect(ring.style).toBe("solid");
    expect(ring.width).toBeGreaterThanOrEqual(2);
    expect(ring.color).toBe("rgb(26, 86, 219)");
  });

  it("says what failed, what to do and the request id when a call fails", async () => {
    // A real refusal: a customer that does not exist (404 with the server's request id).
    const answer = page.waitForResponse((r) => r.url().includes("/v1/customers/NO-SUCH"));
    await page.goto(`${server.url}/#/customers/NO-SUCH`);
    const requestId = (await answer).headers()["x-request-id"];
    expect(requestId).toBeTruthy();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text).toContain("Could not load customer NO-SUCH");
    expect(text).toContain("go back to the list");
    expect(text).toContain(`Request id: ${requestId}`);

    // A server failure: the raw word is never all the reader gets.
    await page.route("**/v1/reports/drivers", (route) =>
      route.fulfill({
        status: 500,
        headers: { "content-type": "application/json", "x-request-id": "req-boom-1" },
        body: JSON.stringify({ error: "internal", message: "boom", request_id: "req-boom-1" }),
      }),
    );
    await page.goto(`${server.url}/#/drivers`);
    await page.reload(); // a fresh page: the report is not in the query cache
    const failed = page.getByRole("alert");
    await failed.waitFor();
    const said = await failed.textContent();
    expect(said).toContain("Could not load the Drivers report");
    expect(said).toContain("The server failed (500): boom");
    expect(said).toContain("Try again in a moment");
    expect(said).toContain("Request id: req-boom-1");
    expect(await failed.getByRole("button", { name: "Try again" }).isVisible()).toBe(true);
    await page.unroute("**/v1/reports/drivers");
  });
});
