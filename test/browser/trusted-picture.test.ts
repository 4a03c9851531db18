/**
 * Issue 18, "one picture a CS team can trust", in a real Chromium on the demo workspace (150
 * customers, 12 months, seed 42, ending yesterday): a churned customer's page leads with the churn
 * and keeps its scores behind "Scores at churn", its brief offers win-back actions only; a live
 * customer's brief gives the headline score's reasons; Executive's retention trend and the
 * retention report agree, with expansion from the MRR change log. Screenshots of every page at
 * 1440x900 and 390x844 go to test-results/screenshots-18/ (gitignored). Needs `npm run build`.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CustomerBrief, CustomerList, ExecutiveReport } from "../../web/src/api/types.ts";
import { launchChromium } from "../support/browser.ts";
import { startTestServer } from "../support/test-server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WEB_DIR = path.join(ROOT, "web/dist");
const SHOTS = process.env.HOLDFAST_SHOTS ?? path.join(ROOT, "test-results/screenshots-18");
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const PAGES = ["executive", "drivers", "at-risk", "renewals", "tickets", "data", "settings"] as const;

interface RetentionMonth {
  month: string;
  expansion_arr: number;
  contraction_arr: number;
  churned_arr: number;
  ending_arr: number;
  net_revenue_retention: number | null;
}

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let page: Page;
let churned: CustomerBrief;
let live: CustomerBrief;

async function api<T>(url: string): Promise<T> {
  const res = await fetch(`${server.url}${url}`, { headers: { Authorization: `Bearer ${server.key}` } });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIR, "index.html")))
    throw new Error("build the dashboard first: npm run build");
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer({
    webDir: WEB_DIR,
    demo: { customers: 150, seed: 42, end: yesterday, months: 12 },
    history: false,
  });
  const churnedId = (await api<CustomerList>("/v1/customers?book=churned&limit=1")).items[0]?.customer_id;
  if (!churnedId) throw new Error("the demo workspace has no churned customer");
  churned = await api<CustomerBrief>(`/v1/customers/${churnedId}`);
  // A live customer whose churn risk has reasons.
  for (const c of (await api<CustomerList>("/v1/customers?limit=20")).items) {
    const b = await api<CustomerBrief>(`/v1/customers/${c.customer_id}`);
    if ((b.score?.reasons.length ?? 0) > 0) {
      live = b;
      break;
    }
  }
  if (!live) throw new Error("no live customer with churn-risk reasons on the first page");
  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: "en-US",
    timezoneId: "UTC",
  });
  page = await context.newPage();
  await page.goto(`${server.url}/#key=${server.key}`);
  await page.waitForFunction(() => location.hash === "#/executive");
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("one picture a CS team can trust (issue 18)", () => {
  it("a churned customer's brief: the churn first, win-back actions only, no live risk", async () => {
    expect(churned.score?.at_churn).toBe(true);
    expect(churned.score?.reasons).toEqual([]);
    await page.goto(`${server.url}/#/at-risk?book=churned&customer=${churned.customer.customer_id}`);
    const brief = page.getByRole("complementary", { name: "Customer brief" });
    await brief.locator(".brief-headline").waitFor();
    expect(await brief.locator(".brief-headline").textContent()).toMatch(/^Churned/);
    await expect.poll(() => brief.locator("#actions-title").textContent()).toBe("Win-back actions");
    const actions = await brief.locator(".actions-list li").allTextContents();
    expect(actions).toEqual(churned.score?.actions);
    expect(actions.join(" ")).not.toMatch(/check-in|success plan|value review/i);
    // No live score beside the churn: no secondary scores list, no risk chip.
    expect(await brief.locator(".secondary-scores").count()).toBe(0);
    expect(await brief.locator(".chip-critical, .chip-high").count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, "brief-churned-1440.png"), fullPage: true });
  });

  it("a churned customer's page: scores only behind 'Scores at churn', closed", async () => {
    await page.goto(`${server.url}/#/customers/${churned.customer.customer_id}`);
    await page.locator("#customer-title").waitFor();
    const details = page.locator("details.scores-at-churn");
    await details.waitFor();
    expect(await details.getAttribute("open")).toBeNull();
    expect(await details.locator("> summary").textContent()).toContain("Scores at churn");
    expect(await page.locator(".score-grid").isVisible()).toBe(false);
    expect(await page.locator(".trend-chart").isVisible()).toBe(false);
    await details.locator("> summary").click();
    await expect.poll(() => page.locator(".score-grid").isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "customer-churned-1440.png"), fullPage: true });
  });

  it("a live customer's brief: the reasons are the headline score's, named in the opening sentence", async () => {
    const signals = (live.scores.churn_risk?.signals ?? []).filter((s) => s.effect > 0).map((s) => s.text);
    expect(live.score?.kind).toBe("churn_risk");
    for (const r of live.score?.reasons ?? []) expect(signals).toContain(r.text);
    await page.goto(`${server.url}/#/at-risk?customer=${live.customer.customer_id}`);
    const brief = page.getByRole("complementary", { name: "Customer brief" });
    await brief.locator(".reasons-list li").first().waitFor();
    const shown = await brief.locator(".reasons-list li span:first-child").allTextContents();
    expect(shown).toEqual(live.score?.reasons.map((r) => r.text));
    expect(await brief.locator(".brief-headline").textContent()).toContain(
      live.score!.reasons[0]!.text.slice(1),
    );
  });

  it("Executive's retention agrees with the report, and plan changes show as expansion", async () => {
    const report = await api<{ months: RetentionMonth[] }>("/v1/reports/retention?months=12");
    const moved = report.months.reduce((a, m) => a + m.expansion_arr + m.contraction_arr, 0);
    expect(moved).toBeGreaterThan(0);
    const exec = await api<ExecutiveReport>("/v1/reports/executive");
    // The month so far ends with the live book's ARR.
    expect(report.months.at(-1)!.ending_arr).toBeCloseTo(exec.total_arr, 0);
    await page.goto(`${server.url}/#/executive`);
    await page.locator("#retention-title").waitFor();
    // Each month's row on Executive shows the report's expansion and net retention.
    const usd = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency: "USD",
      maximumFractionDigits: 0,
    });
    const card = page.locator("#retention-title").locator("..");
    const monthName = new Intl.DateTimeFormat("en-US", { month: "short", year: "2-digit", timeZone: "UTC" });
    for (const m of report.months.filter((x) => x.expansion_arr > 0)) {
      const net = m.net_revenue_retention === null ? "—" : `${(m.net_revenue_retention * 100).toFixed(1)}%`;
      const label = monthName.format(new Date(`${m.month}-01T00:00:00Z`));
      const row = card
        .locator("tbody tr")
        .filter({ has: page.locator("th, td").first().filter({ hasText: label }) });
      await expect.poll(() => row.first().textContent()).toContain(usd.format(m.expansion_arr));
      expect(await row.first().textContent()).toContain(net);
    }
  });

  it("screenshots of every page at 1440x900 and 390x844, none scrolling sideways at 390", async () => {
    const wide: Record<string, number> = {};
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const p of PAGES) {
        await page.goto(`${server.url}/#/${p}`);
        await page.locator("main h1").first().waitFor();
        await page.waitForTimeout(1500);
        await page.screenshot({ path: path.join(SHOTS, `${p}-${width}.png`), fullPage: true });
        if (width === 390) wide[p] = await page.evaluate(() => document.documentElement.scrollWidth);
      }
      await page.goto(`${server.url}/#/customers/${live.customer.customer_id}`);
      await page.locator("#customer-title").waitFor();
      await page.waitForTimeout(1500);
      await page.screenshot({ path: path.join(SHOTS, `customer-live-${width}.png`), fullPage: true });
      if (width === 390) wide.customer = await page.evaluate(() => document.documentElement.scrollWidth);
    }
    for (const [p, w] of Object.entries(wide)) expect(w, p).toBeLessThanOrEqual(390);
  });
});
