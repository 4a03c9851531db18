/**
 * Issue 18's reports in a real Chromium on the demo workspace (300 customers, 18 months): Executive's
 * High count equals the At-Risk list filtered to live + high, a driver bar opens the list with the
 * same count, a renewal bucket and the Renewals view list exactly the subscriptions the API says are
 * due in 30 days, no report page scrolls sideways at 390 px, with screenshots of Executive, Drivers and
 * Renewals at 1440x900 and 390x844 in test-results/screenshots/ (gitignored). Needs `npm run build`.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser.ts";
import { startTestServer } from "../support/test-server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WEB_DIR = path.join(ROOT, "web/dist");
const SHOTS = path.join(ROOT, "test-results/screenshots");

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let page: Page;

async function api<T>(p: string): Promise<T> {
  const res = await fetch(`${server.url}${p}`, { headers: { authorization: `Bearer ${server.key}` } });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The At-Risk list's API total for the filters of a dashboard address (`#/at-risk?book=live&...`). */
async function listTotal(hash: string): Promise<number> {
  const q = new URLSearchParams(hash.replace(/^#\/at-risk\??/, ""));
  q.set("limit", "1");
  return (await api<{ total: { customers: number } }>(`/v1/customers?${q}`)).total.customers;
}

const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

const consoleErrors: string[] = [];

/** Open a page by its address and wait for `ready`; on a timeout, say what the page showed. */
async function open(route: string, ready: string) {
  await page.goto(`${server.url}/#/${route}`);
  try {
    await page.locator(ready).first().waitFor({ timeout: 45_000 });
  } catch (e) {
    const shown = await page.evaluate(
      () => `${location.hash}: ${(document.body.textContent ?? "").slice(0, 600)}`,
    );
    throw new Error(
      `${route}: ${ready} did not show (${String(e)}). Page: ${shown}. Console: ${consoleErrors.join(" | ")}`,
    );
  }
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIR, "index.html"))) {
    throw new Error("web/dist is not built: run `npm run build` first");
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer({
    webDir: WEB_DIR,
    demo: { customers: 300, seed: 42, end: yesterday(), months: 18 },
  });
  // The demo's history backfill runs in the embedded worker: wait until no job is queued or running.
  for (let i = 0; i < 600; i++) {
    const { counts } = await api<{ counts: Record<string, number> }>("/v1/jobs?limit=1");
    if (!(counts.queued ?? 0) && !(counts.running ?? 0)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: "en-US",
    timezoneId: "UTC",
  });
  page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(e.message));
  await page.goto(`${server.url}/#key=${server.key}`);
  await page.waitForFunction(() => location.hash === "#/executive");
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("reports on the demo workspace", { timeout: 180_000 }, () => {
  it("Executive's High count opens the list of live + high customers, with the same total", async () => {
    await open("executive", "[data-figure='level-high']");
    const high = page.locator("a[data-figure='level-high']");
    const shown = Number(await high.getAttribute("data-value"));
    const report = await api<{ levels: { key: string; customers: number }[]; customers: number }>(
      "/v1/reports/executive",
    );
    expect(shown).toBe(report.levels.find((l) => l.key === "high")?.customers);
    expect(shown).toBeGreaterThan(0);
    await high.click();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#\/at-risk\?/);
    const hash = await page.evaluate(() => location.hash);
    const q = new URLSearchParams(hash.split("?")[1]);
    expect([q.get("book"), q.get("risk_level")]).toEqual(["live", "high"]);
    expect(await listTotal(hash)).toBe(shown);
    // Every figure link on Executive counts what its list counts.
    await open("executive", "[data-figure='live-customers']");
    const links = await page.locator("a.figure-link[href^='#/at-risk'][data-figure]").evaluateAll((els) =>
      els.map((e) => ({
        name: e.getAttribute("data-figure"),
        href: e.getAttribute("href") ?? "",
        value: Number(e.getAttribute("data-value")),
      })),
    );
    const checked = [];
    for (const l of links.filter((x) => x.name !== "live-arr" && x.name !== "lost-customers")) {
      checked.push({ name: l.name, list: await listTotal(l.href), figure: l.value });
    }
    expect(checked.filter((c) => c.list !== c.figure)).toEqual([]);
    expect(checked.map((c) => c.name)).toContain("live-customers");
  });

  it("a driver bar opens the list with the same count", async () => {
    await open("drivers", "a.link-bar[href*='driver=']");
    const bar = page.locator("a.link-bar[href*='driver=']").first();
    const count = Number(await bar.getAttribute("data-value"));
    const kind = await bar.getAttribute("data-key");
    expect(count).toBeGreaterThan(0);
    await bar.click();
    await expect.poll(() => page.evaluate(() => location.hash)).toContain(`driver=${kind}`);
    const hash = await page.evaluate(() => location.hash);
    expect(new URLSearchParams(hash.split("?")[1]).get("book")).toBe("live");
    expect(await listTotal(hash)).toBe(count);
  });

  it("the 30-day bucket opens the Renewals view listing exactly the subscriptions due in 30 days", async () => {
    type Renewals = {
      total: number;
      buckets: { within: number; subscriptions: number }[];
      items: { subscription_id: string; days_until: number }[];
      next_cursor: string | null;
    };
    const expected: string[] = [];
    let cursor: string | null = null;
    let first: Renewals | null = null;
    do {
      const r: Renewals = await api<Renewals>(
        `/v1/renewals?within=30&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      first ??= r;
      for (const i of r.items) {
        expect(i.days_until).toBeGreaterThanOrEqual(0);
        expect(i.days_until).toBeLessThanOrEqual(30);
        expected.push(i.subscription_id);
      }
      cursor = r.next_cursor;
    } while (cursor);
    expect(expected.length).toBe(first?.total);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThanOrEqual(500); // the view shows up to 500 rows

    await open("executive", "a[data-figure='renewals-30']");
    const bucket = page.locator("a[data-figure='renewals-30']");
    expect(Number(await bucket.getAttribute("data-value"))).toBe(expected.length);
    await bucket.click();
    await page.locator("table.renewals tbody tr").first().waitFor();
    expect(await page.evaluate(() => location.hash)).toBe("#/renewals?within=30");
    const rows = await page
      .locator("table.renewals tbody tr")
      .evaluateAll((trs) => trs.map((t) => t.getAttribute("data-subscription")));
    expect([...rows].sort()).toEqual([...expected].sort());
    expect(await page.locator("[data-total]").getAttribute("data-total")).toBe(String(expected.length));

    // Sorting by ARR (the header's button) reorders the rows by ARR, in the direction the header says.
    await page.getByRole("button", { name: /^ARR/ }).click();
    const arrHeader = page.locator("th", { has: page.getByRole("button", { name: /^ARR/ }) });
    await expect.poll(() => arrHeader.getAttribute("aria-sort")).toMatch(/ascending|descending/);
    const dir = await arrHeader.getAttribute("aria-sort");
    const arrIndex = await arrHeader.evaluate((th) =>
      Array.prototype.indexOf.call(th.parentElement?.children ?? [], th),
    );
    const arrs = await page
      .locator("table.renewals tbody tr")
      .evaluateAll(
        (trs, i) => trs.map((t) => Number((t.children[i]?.textContent ?? "").replace(/[^0-9.]/g, ""))),
        arrIndex,
      );
    const sorted = [...arrs].sort((a, b) => (dir === "ascending" ? a - b : b - a));
    expect(arrs).toEqual(sorted);
    expect(new Set(arrs).size).toBeGreaterThan(1);

    // The 90-day switch lists the 90-day bucket.
    await page.getByRole("button", { name: "90 days" }).click();
    const ninety = first?.buckets.find((b) => b.within === 90)?.subscriptions;
    await expect
      .poll(() => page.locator("[data-total]").getAttribute("data-total"), { timeout: 30_000 })
      .toBe(String(ninety));
  });

  it("does not scroll sideways at 390 px; screenshots at 1440x900 and 390x844", async () => {
    const pages = [
      ["executive", "a[data-figure='renewals-30']"],
      ["drivers", "a.link-bar"],
      ["renewals", "table.renewals tbody tr"],
    ] as const;
    const wide: Record<string, number> = {};
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const [route, ready] of pages) {
        await open(route, ready);
        if (route === "executive") await page.locator(".chart svg").first().waitFor({ timeout: 60_000 });
        await page.screenshot({ path: path.join(SHOTS, `reports-${route}-${width}.png`), fullPage: true });
        if (width === 390) wide[route] = await page.evaluate(() => document.documentElement.scrollWidth);
      }
    }
    expect(Object.entries(wide).filter(([, w]) => w > 390)).toEqual([]);
    expect(Object.keys(wide)).toHaveLength(3);
  });
});
