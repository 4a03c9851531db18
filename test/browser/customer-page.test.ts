/**
 * The customer page and the At-Risk score filters in a real Chromium against the real service, on an
 * empty temporary SQLite store (org "acme") whose data is made over HTTP: a plan catalog, two
 * customers and 60 days of events (one steady and happy, one fading with angry tickets and NPS 2),
 * scored once a day for the last 30 days by POST /recompute on a moved clock (so there is a trend and
 * a lifecycle history). Needs a built dashboard: `npx vite build --config web/vite.config.ts`.
 * Full-page screenshots go to test-artifacts/.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CustomerBrief } from "../../web/src/api/types.ts";
import { launchChromium } from "../support/browser.ts";
import { startTestServer } from "../support/test-server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WEB_DIR = path.join(ROOT, "web/dist");
const ARTIFACTS = path.join(ROOT, "test-artifacts");
const DAY_MS = 86_400_000;
const HISTORY_DAYS = 60;
const TREND_DAYS = 30;
const HEALTHY = { id: "C-steady", name: "Steady Works" };
const DECLINING = { id: "C-fading", name: "Fading Goods" };
const FEATURES = [
  ["reports", "analytics"],
  ["dashboards", "analytics"],
  ["exports", "data"],
  ["alerts", "monitoring"],
  ["automations", "workflow"],
  ["integrations", "platform"],
] as const;

/** The server's clock: real time moved by `shiftMs` (to score past days, and to tell recomputes apart). */
let shiftMs = 0;
const clock = () => new Date(Date.now() + shiftMs);

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
const rowIds = () => page.locator("table.customers tbody th[scope=row]").allTextContents();
const scoreCard = (kind: string) => page.locator(`article.score-card[data-kind="${kind}"]`);
const words = (code: string) => {
  const s = code.toLowerCase().replaceAll("_", " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
};

async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: {
      Authorization: `Bearer ${server.key}`,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** 60 days of events for one customer; `fading` drops sessions, features and API calls over the last 30. */
function eventsFor(customerId: string, fading: boolean) {
  const events: { id: string; customer_id: string; type: string; timestamp: string; properties: object }[] =
    [];
  const today = Date.now();
  let n = 0;
  const add = (day: string, hour: number, type: string, properties: object = {}) =>
    events.push({
      id: `${customerId}-${++n}`,
      customer_id: customerId,
      type,
      timestamp: `${day}T${String(hour).padStart(2, "0")}:${String(n % 60).padStart(2, "0")}:00Z`,
      properties,
    });
  for (let ago = HISTORY_DAYS - 1; ago >= 0; ago--) {
    const day = dayOf(new Date(today - ago * DAY_MS));
    // 1 = the usual level; the fading customer slides to almost nothing over the last 30 days.
    const level = fading && ago < 30 ? Math.max(0, (ago - 5) / 30) : 1;
    const sessions = Math.round(6 * level);
    for (let s = 0; s < sessions; s++) add(day, 8 + s, "session_start");
    const features = FEATURES.slice(0, Math.max(level > 0 ? 1 : 0, Math.round(FEATURES.length * level)));
    for (const [feature, category] of features) {
      add(day, 9, "feature_used", { feature, category, count: 4, duration_secs: 600 });
    }
    add(day, 10, "api_calls", { count: Math.round(2_000 * level) + (fading ? 10 : 0) });
    if (level > 0) add(day, 11, "page_view", { page: "dashboard" });
    if (ago % 7 === 0) {
      add(day, 12, "usage_metered", { meter: "seats", value: fading ? 19 : 8, limit: 20 });
    }
  }
  const daysAgo = (k: number) => dayOf(new Date(today - k * DAY_MS));
  if (fading) {
    add(daysAgo(18), 14, "ticket_opened", {
      ticket_id: `${customerId}-T1`,
      subject: "Exports keep failing",
      body: "Exports have been broken for a week. This is unacceptable and very frustrating, nobody uses the tool anymore.",
    });
    add(daysAgo(9), 14, "ticket_opened", {
      ticket_id: `${customerId}-T2`,
      subject: "Still broken",
      body: "Terrible support, the problem is still not fixed. We are angry and disappointed.",
    });
    add(daysAgo(4), 14, "ticket_opened", {
      ticket_id: `${customerId}-T3`,
      subject: "Cancellation",
      body: "We want to cancel our subscription and move to a competitor at renewal. Please tell us how to cancel.",
    });
    add(daysAgo(6), 15, "nps_response", { score: 2, respondent: "ops@fading.example" });
  } else {
    add(daysAgo(40), 15, "nps_response", { score: 9, respondent: "cto@steady.example" });
    add(daysAgo(12), 15, "nps_response", { score: 10, respondent: "ops@steady.example" });
    add(daysAgo(3), 15, "page_view", { page: "integrations" });
  }
  return events;
}

async function setUpData() {
  await api("PUT", "/v1/plans/Basic", { rank: 1, limits: { seats: 5, api_calls: 20_000 } });
  await api("PUT", "/v1/plans/Pro", { rank: 2, limits: { seats: 20, api_calls: 100_000 } });
  await api("PUT", "/v1/plans/Enterprise", { rank: 3, limits: { seats: 200, api_calls: 1_000_000 } });
  const signup = dayOf(new Date(Date.now() - 400 * DAY_MS));
  for (const [c, arr] of [
    [HEALTHY, 36_000],
    [DECLINING, 24_000],
  ] as const) {
    await api("PUT", `/v1/customers/${c.id}`, {
      name: c.name,
      industry: "Retail",
      country: "DE",
      signup_date: signup,
      plan_tier: "Pro",
      seats: 20,
      arr,
      subscription: {
        id: `${c.id}-sub`,
        plan_tier: "Pro",
        status: "active",
        start_date: signup,
        billing_frequency: "monthly",
        mrr: arr / 12,
        seats: 20,
      },
    });
  }
  for (const [c, fading] of [
    [HEALTHY, false],
    [DECLINING, true],
  ] as const) {
    const r = await api<{ accepted: number; rejected: unknown[] }>(
      "POST",
      "/v1/events",
      eventsFor(c.id, fading),
    );
    expect(r.rejected).toEqual([]);
    expect(r.accepted).toBeGreaterThan(100);
  }
  // The rules analyzer reads the tickets' text (sentiment, churn intent) for the scores.
  let run = await api<{ id: string; status: string }>("POST", "/v1/tickets/analysis-runs", {});
  for (let i = 0; (run.status === "queued" || run.status === "running") && i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    run = await api("GET", `/v1/tickets/analysis-runs/${run.id}`);
  }
  expect(run.status).toBe("done");
  // One score set a day for the last 30 days (trend and lifecycle history), today's last.
  for (let ago = TREND_DAYS - 1; ago >= 0; ago--) {
    shiftMs = -ago * DAY_MS;
    for (const c of [HEALTHY, DECLINING]) await api("POST", `/v1/customers/${c.id}/recompute`);
  }
  shiftMs = 0;
}

const brief = (id: string) => api<CustomerBrief>("GET", `/v1/customers/${id}`);

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIR, "index.html"))) {
    throw new Error("web/dist is not built: run `npx vite build --config web/vite.config.ts` first");
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer({ webDir: WEB_DIR, ravenstack: false, now: clock });
  await setUpData();
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: "en-US",
    timezoneId: "UTC",
  });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("customer page", () => {
  it("shows the fading customer's scores, signals, trend, lifecycle and NPS", async () => {
    const [healthy, fading] = await Promise.all([brief(HEALTHY.id), brief(DECLINING.id)]);
    const risk = fading.scores.churn_risk!;
    const calm = healthy.scores.churn_risk!;
    expect(risk.level).not.toBe(calm.level);
    expect(risk.score!).toBeGreaterThan(calm.score!);
    expect(risk.signals.length).toBeGreaterThan(0);

    await page.goto(`${server.url}/#key=${server.key}`);
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/executive");
    await page.evaluate((id) => {
      location.hash = `#/customers/${id}`;
    }, DECLINING.id);
    await page.getByRole("heading", { level: 1, name: DECLINING.name }).waitFor();
    expect(await page.title()).toBe(`Customer ${DECLINING.id} · Holdfast`);
    const head = page.locator("header.customer-head");
    expect(await head.textContent()).toContain("Pro");
    expect(await head.textContent()).toContain("$24,000");

    // Churn risk: its score, its tier in words (named for assistive technology), and why.
    const card = scoreCard("churn_risk");
    expect(await card.locator(".score-value").textContent()).toContain(String(Math.round(risk.score!)));
    expect(await card.getByText(`Churn risk tier: ${words(risk.level)}`, { exact: true }).count()).toBe(1);
    const signals = card.getByRole("list", { name: "Churn risk signals" });
    expect(await signals.locator("li").count()).toBe(Math.min(3, risk.signals.length));
    expect(await signals.textContent()).toContain(risk.signals[0]!.text);
    if (risk.signals.length > 3) {
      await card.getByRole("button", { name: /Show all \d+ signals/ }).click();
      expect(await signals.locator("li").count()).toBe(risk.signals.length);
    }
    // Every kind has a card; unscored kinds say so.
    expect(await page.locator("article.score-card").count()).toBe(12);
    for (const v of Object.values(fading.scores)) {
      if (v && v.score === null && v.level === "unscored") {
        expect(await scoreCard(v.kind).locator(".score-value").textContent()).toContain("Unscored");
      }
    }

    // The header names the lifecycle stage; the history lists the stage changes.
    const stage = fading.scores.lifecycle_stage!.level;
    expect(await head.getByText(`Lifecycle stage: ${words(stage)}`, { exact: true }).count()).toBe(1);
    const history = page.getByRole("table", { name: "Lifecycle stage changes, newest first" });
    expect(await history.locator("tbody tr").count()).toBe(fading.lifecycle_history.length);
    expect(fading.lifecycle_history.length).toBeGreaterThan(0);
    expect(await history.locator("tbody tr").first().textContent()).toContain(
      fading.lifecycle_history[0]!.reason,
    );

    // The 30-day churn risk trend, then health.
    const trend = page.locator(".trend-chart");
    await trend.waitFor();
    const chart = trend.getByRole("img", { name: /^Churn risk over the last 30 days/ });
    await chart.locator("svg").waitFor();
    await expect.poll(() => chart.locator("svg path").count()).toBeGreaterThan(2);
    await shot("customer-page");
    await page.getByLabel("Score", { exact: true }).selectOption({ label: "Health" });
    await trend
      .getByRole("img", { name: /^Health over the last 30 days/ })
      .locator("svg")
      .waitFor();
    await trend.getByText("Trend as a table").click();
    expect(await trend.locator("tbody tr").count()).toBe(TREND_DAYS);

    // NPS: one detractor.
    const nps = page.getByRole("region", { name: "NPS", exact: true });
    const npsView = fading.scores.nps!;
    if (npsView.score !== null) {
      expect(await nps.locator(".nps-value").textContent()).toContain(String(Math.round(npsView.score)));
      expect(await nps.getByText(`NPS level: ${words(npsView.level)}`, { exact: true }).count()).toBe(1);
    }
  });

  it("filters the At-Risk list by lifecycle stage and churn risk tier", async () => {
    const [healthy, fading] = await Promise.all([brief(HEALTHY.id), brief(DECLINING.id)]);
    await page.getByRole("link", { name: "At-Risk list" }).click();
    await page.locator("table.customers tbody tr").first().waitFor();
    await expect.poll(async () => [...(await rowIds())].sort()).toEqual([DECLINING.id, HEALTHY.id].sort());

    const stage = fading.scores.lifecycle_stage!.level;
    await page.getByLabel("Lifecycle stage").selectOption(stage);
    const expected = [DECLINING.id, ...(healthy.scores.lifecycle_stage!.level === stage ? [HEALTHY.id] : [])];
    await expect.poll(async () => [...(await rowIds())].sort()).toEqual(expected.sort());
    expect(await page.evaluate(() => location.hash)).toContain(`lifecycle_stage=${stage}`);
    await page.getByLabel("Lifecycle stage").selectOption("");

    await page.getByLabel("Churn risk tier").selectOption(fading.scores.churn_risk!.level);
    await expect.poll(rowIds).toEqual([DECLINING.id]);
    await page.getByLabel("Churn risk tier").selectOption(healthy.scores.churn_risk!.level);
    await expect.poll(rowIds).toEqual([HEALTHY.id]);
    await page.getByLabel("Churn risk tier").selectOption(fading.scores.churn_risk!.level);
    await expect.poll(rowIds).toEqual([DECLINING.id]);

    // The brief shows the score chips and links to the customer page.
    await page.locator("table.customers tbody tr", { hasText: DECLINING.name }).click();
    const panel = page.getByRole("complementary", { name: "Customer brief" });
    await panel.getByRole("heading", { name: DECLINING.name }).waitFor();
    const chips = panel.getByRole("list", { name: "Current levels" });
    expect(await chips.textContent()).toContain(`Churn risk tier: ${words(fading.scores.churn_risk!.level)}`);
    expect(await chips.textContent()).toContain(`Health band: ${words(fading.scores.health!.level)}`);
    expect(await chips.textContent()).toContain(
      `Lifecycle stage: ${words(fading.scores.lifecycle_stage!.level)}`,
    );
    await shot("customer-page-filters");

    await panel.getByRole("link", { name: "Open customer page" }).click();
    await page.getByRole("heading", { level: 1, name: DECLINING.name }).waitFor();
    // Back to the list keeps the filter.
    await page.getByRole("link", { name: "At-Risk list" }).click();
    await expect.poll(rowIds).toEqual([DECLINING.id]);
    expect(await page.getByLabel("Churn risk tier").inputValue()).toBe(fading.scores.churn_risk!.level);
    // The row's id links to the page too (keyboard: Tab to the link, Enter).
    await page.getByRole("link", { name: DECLINING.id, exact: true }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: DECLINING.name }).waitFor();
  });

  it("recomputes on request and shows the new time", async () => {
    const time = page.locator("header.customer-head time.computed-at");
    await time.waitFor();
    const before = await time.textContent();
    const computedBefore = (await brief(DECLINING.id)).scores.churn_risk!.computed_at;
    shiftMs = 3 * 60_000; // three minutes later
    const post = page.waitForResponse(
      (r) => r.request().method() === "POST" && r.url().endsWith("/recompute"),
    );
    await page.getByRole("button", { name: "Recompute now" }).click();
    expect((await post).status()).toBe(200);
    const status = page.locator("header.customer-head").getByRole("status");
    await status.getByText(/^Recomputed at/).waitFor();
    await expect.poll(() => time.textContent()).not.toBe(before);
    const after = await brief(DECLINING.id);
    expect(Date.parse(after.scores.churn_risk!.computed_at)).toBeGreaterThan(Date.parse(computedBefore));
    expect(await time.getAttribute("datetime")).toBe(after.scores.churn_risk!.computed_at);
    expect(await page.getByRole("button", { name: "Recompute now" }).isEnabled()).toBe(true);
    await shot("customer-page-recomputed");
    expect(pageErrors).toEqual([]);
  });
});
