/**
 * The dashboard in a real Chromium against the real service (temporary SQLite store with the shared
 * RavenStack data, org "acme"). Needs a built dashboard: `npx vite build --config web/vite.config.ts`.
 * Full-page screenshots of each page go to test-artifacts/.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser.ts";
import { SHARED_RAVENSTACK, startTestServer } from "../support/test-server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WEB_DIR = path.join(ROOT, "web/dist");
const ARTIFACTS = path.join(ROOT, "test-artifacts");
/** What every export starts with (the API's own header is compared too). */
const CSV_HEADER_START = "customer_id,account_id,account_name,plan_tier,arr,";
const RISK_LEVELS = ["critical", "high", "medium", "low"];

interface Level {
  key: string;
  label: string;
  customers: number;
  arr: number;
}
interface Executive {
  customers: number;
  churn_rate_label: number;
  headline: { key: string; label: string };
  levels: Level[];
}
interface Drivers {
  risk_by_plan_tier: { plan_tier: string; customers: number; avg_risk_score: number }[];
  driver_counts: { key: string; label: string; customers: number }[];
  churn_reasons: { reason_code: string; count: number }[];
}
/** The short live list the list checks use: one churn-risk level and a minimum ARR. */
interface Pick {
  level: string;
  minArr: string;
  /** The customers, in the list's default order (churn risk, highest first). */
  ids: string[];
}

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
const rowIds = () => page.locator("table.customers tbody th[scope=row]").allTextContents();
const brief = () => page.getByRole("complementary", { name: "Customer brief" });
const figure = (name: string) => page.locator(`a.figure-link[data-figure='${name}']`);
const bars = (list: string) =>
  page
    .locator(`ul[aria-label='${list}'] .link-bar`)
    .evaluateAll((els) =>
      els.map((e) => [(e as HTMLElement).dataset.key, Number((e as HTMLElement).dataset.value)]),
    );
const listTotal = () => page.locator(".list-total").textContent();
const fmtInt = (n: number) => n.toLocaleString("en-US");

async function api<T>(p: string): Promise<T> {
  const res = await fetch(`${server.url}${p}`, { headers: { authorization: `Bearer ${server.key}` } });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
const total = async (query: string) =>
  (await api<{ total: { customers: number } }>(`/v1/customers?${query}&limit=1`)).total.customers;
const ids = async (query: string) =>
  (await api<{ items: { customer_id: string }[] }>(`/v1/customers?${query}&limit=500`)).items.map(
    (c) => c.customer_id,
  );

let exec: Executive;
let drivers: Drivers;
let pick: Pick;

/** The five RavenStack files with one impossible date (subscriptions line 3). */
function brokenUpload() {
  return fs
    .readdirSync(SHARED_RAVENSTACK)
    .filter((f) => f.endsWith(".csv"))
    .map((name) => {
      let text = fs.readFileSync(path.join(SHARED_RAVENSTACK, name), "utf8");
      if (name === "ravenstack_subscriptions.csv") {
        const lines = text.split("\n");
        const cells = lines[2]!.split(",");
        cells[2] = "2024-02-30"; // start_date
        lines[2] = cells.join(",");
        text = lines.join("\n");
      }
      return { name, mimeType: "text/csv", buffer: Buffer.from(text) };
    });
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIR, "index.html"))) {
    throw new Error("web/dist is not built: run `npx vite build --config web/vite.config.ts` first");
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer({ webDir: WEB_DIR, worker: false }); // no worker: the import's history backfill stays queued
  exec = await api<Executive>("/v1/reports/executive");
  drivers = await api<Drivers>("/v1/reports/drivers");
  // On this data every live customer has the same churn-risk level (and drivers, health band, ...), so
  // no select alone gives a short list: the most common level plus a minimum ARR that keeps about the
  // ten largest accounts of it does.
  const level = [...exec.levels].sort((x, y) => y.customers - x.customers)[0]!.key;
  const top = await api<{ items: { arr: number }[] }>(
    `/v1/customers?book=live&risk_level=${level}&sort=-arr&limit=10`,
  );
  const minArr = String(Math.floor(top.items.at(-1)!.arr));
  pick = { level, minArr, ids: await ids(`book=live&risk_level=${level}&min_arr=${minArr}`) };
  if (pick.ids.length < 2 || pick.ids.length > 50)
    throw new Error(`not a short list: ${JSON.stringify(pick)}`);
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    permissions: ["clipboard-read", "clipboard-write"],
    locale: "en-US",
    timezoneId: "UTC",
  });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => {
    // Refused requests (401 after a wrong key, 422 for the broken upload) are logged by Chromium itself.
    if (m.type() === "error" && !/status of (401|422)/.test(m.text())) pageErrors.push(m.text());
  });
}, 600_000); // the RavenStack import takes minutes on a loaded machine

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("dashboard", () => {
  it("signs in from #key=, drops the fragment and shows the Executive figures of the live book", async () => {
    // The live book is the customers not churned: fewer than the 5,000 loaded, and with the churned
    // ones it makes up all of them.
    const all = await total("book=all");
    const churned = await total("book=churned");
    expect(all).toBe(5000);
    expect(exec.customers).toBeGreaterThan(0);
    expect(exec.customers).toBeLessThan(all);
    expect(exec.customers + churned).toBe(all);
    expect(await total("book=live")).toBe(exec.customers);
    expect(exec.headline.key).toBe("churn_risk");
    expect(exec.levels.map((l) => l.key)).toEqual(
      RISK_LEVELS.filter((k) => exec.levels.some((l) => l.key === k)),
    );
    expect(exec.levels.reduce((s, l) => s + l.customers, 0)).toBe(exec.customers);

    await page.goto(`${server.url}/#key=${server.key}`);
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/executive");
    expect(await page.evaluate(() => localStorage.getItem("holdfast.key"))).toBe(server.key);

    const live = figure("live-customers");
    await expect.poll(() => live.locator(".figure-value").textContent()).toBe(fmtInt(exec.customers));
    expect(await live.locator(".figure-label").textContent()).toBe("Live customers");
    expect(await live.getAttribute("data-value")).toBe(String(exec.customers));
    expect(await figure("live-arr").locator(".figure-value").textContent()).toMatch(/^\$\d{1,3}(,\d{3})+$/);
    expect(await page.locator("[data-figure='arr-at-risk'] .figure-value").textContent()).toMatch(
      /^\$[\d,]+$/,
    );
    for (const l of exec.levels.filter((x) => x.key === "critical" || x.key === "high")) {
      expect(await figure(`level-${l.key}`).locator(".figure-value").textContent()).toBe(fmtInt(l.customers));
    }
    const churnRate = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 }).format(
      exec.churn_rate_label,
    );
    await page.getByText(`Churn rate (the data's churn label): ${churnRate} of scored customers.`).waitFor();
    await expect.poll(() => page.getByText(/Usage window end: .+ \| Support window end: .+/).count()).toBe(1);

    // One bar per churn-risk level, each the API's count.
    await expect
      .poll(() => bars("Live customers per churn risk level"))
      .toEqual(exec.levels.map((l) => [l.key, l.customers]));
    await page.locator(".chart svg").first().waitFor();
    await expect.poll(() => page.locator(".chart svg path").count()).toBeGreaterThan(0);
    await page.getByRole("link", { name: "Executive" }).waitFor();
    expect(await page.getByRole("link", { name: "Executive" }).getAttribute("aria-current")).toBe("page");
    await shot("executive");
  });

  it("shows the Drivers tables and charts", async () => {
    await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Drivers" }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/drivers");
    const tierList = "Average churn risk score by plan tier";
    await page.locator(`ul[aria-label='${tierList}']`).waitFor();
    const tiers = drivers.risk_by_plan_tier;
    expect(tiers.map((t) => t.plan_tier).sort()).toEqual(["Basic", "Enterprise", "Pro"]);
    expect(tiers.reduce((s, t) => s + t.customers, 0)).toBe(exec.customers); // the live book only
    await expect.poll(() => bars(tierList)).toEqual(tiers.map((t) => [t.plan_tier, t.avg_risk_score]));
    const first = page.locator(`ul[aria-label='${tierList}'] li`).first();
    expect(await first.locator(".link-bar-label").textContent()).toBe(tiers[0]!.plan_tier);
    expect(await first.locator(".link-bar-note").textContent()).toContain(
      `(${fmtInt(tiers[0]!.customers)} customers`,
    );

    const driverBars = await bars("Live customers per risk driver");
    expect(driverBars.length).toBeGreaterThan(0);
    expect(driverBars).toEqual(
      [...drivers.driver_counts].sort((a, b) => b.customers - a.customers).map((d) => [d.key, d.customers]),
    );
    for (const d of drivers.driver_counts) expect(d.customers).toBeLessThanOrEqual(exec.customers);

    // Every churn event in the data, live book or not.
    const reasons = page.getByRole("table", { name: "Churn events by reason" });
    expect(await reasons.locator("tbody tr").count()).toBe(6);
    expect(await reasons.locator("tbody tr").first().textContent()).toContain("Features114");
    await shot("drivers");
  });

  it("lists, pages, sorts and filters the At-Risk customers", async () => {
    await page.getByRole("link", { name: "At-Risk" }).click();
    await page.locator("table.customers tbody tr").first().waitFor();
    const first = await rowIds();
    expect(first).toHaveLength(50);
    expect(first).toEqual((await ids("book=live")).slice(0, 50));
    expect(await page.getByRole("radio", { name: /^Live/ }).isChecked()).toBe(true);
    await expect.poll(listTotal).toContain(`${fmtInt(exec.customers)} customers match`);
    expect(
      await page.getByRole("columnheader", { name: "Churn risk", exact: true }).getAttribute("aria-sort"),
    ).toBe("descending");

    await page.getByRole("button", { name: "Next page" }).click();
    await page.getByText("Page 2").waitFor();
    await expect.poll(rowIds).not.toEqual(first);
    const second = await rowIds();
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    await page.getByRole("button", { name: "Previous page" }).click();
    await page.getByText("Page 1").waitFor();
    await expect.poll(rowIds).toEqual(first);

    // The book switch: every customer, then back to the live book.
    await page.getByRole("radio", { name: /^All/ }).check();
    await expect.poll(listTotal).toContain("5,000 customers match");
    expect(await page.evaluate(() => location.hash)).toContain("book=all");
    await page.getByRole("radio", { name: /^Live/ }).check();
    await expect.poll(listTotal).toContain(`${fmtInt(exec.customers)} customers match`);

    const sorted = [...pick.ids].sort();
    await page.getByLabel("Churn risk", { exact: true }).selectOption(pick.level);
    await expect.poll(() => page.evaluate(() => location.hash)).toContain(`risk_level=${pick.level}`);
    await page.getByLabel("Minimum ARR (USD)").fill(pick.minArr);
    await expect.poll(rowIds).toEqual(pick.ids);
    await expect.poll(listTotal).toMatch(new RegExp(`^${pick.ids.length} customers match`));
    expect(await page.evaluate(() => location.hash)).toContain(`min_arr=${pick.minArr}`);
    expect(await page.getByRole("button", { name: "Next page" }).isDisabled()).toBe(true);

    const idHeader = page.getByRole("columnheader", { name: "Customer", exact: true });
    await idHeader.getByRole("button").click();
    await expect.poll(() => idHeader.getAttribute("aria-sort")).toBe("ascending");
    await expect.poll(rowIds).toEqual(sorted);
    await idHeader.getByRole("button").click();
    await expect.poll(() => idHeader.getAttribute("aria-sort")).toBe("descending");
    await expect.poll(rowIds).toEqual([...sorted].reverse());

    await page.getByLabel("Search").fill("no-such-customer");
    await page.getByText("No customers match these filters").waitFor();
    await page.getByLabel("Search").fill("");
    await expect.poll(rowIds).toHaveLength(pick.ids.length);
  });

  it("opens a brief, ticks a step, copies a draft, logs an outcome, and both persist", async () => {
    type Detail = {
      customer: { customer_id: string; account_name: string | null; account_id: string };
      score: { reasons: { text: string }[]; actions: string[] } | null;
      checklist: { title: string; done: boolean }[];
      drafts: { email: { subject: string } };
    };
    const shown = [...pick.ids].sort().reverse(); // the list is sorted by customer id, descending
    const details = await Promise.all(
      shown.map((id) => api<Detail>(`/v1/customers/${encodeURIComponent(id)}`)),
    );
    // The first row opens by keyboard; then a customer with a step left to tick opens by click.
    const one = details[0]!;
    const other = details.slice(1).find((d) => d.checklist.some((s) => !s.done))!;
    expect(other).toBeDefined();
    const firstId = one.customer.customer_id;
    const otherId = other.customer.customer_id;
    const name = (d: Detail) => d.customer.account_name ?? d.customer.account_id;
    const stepTitle = other.checklist.find((s) => !s.done)!.title;

    await page.locator("table.customers tbody tr", { hasText: firstId }).focus();
    await page.keyboard.press("Enter");
    await brief()
      .getByRole("heading", { name: name(one) })
      .waitFor();

    await page.locator("table.customers tbody tr", { hasText: otherId }).click();
    const b = brief();
    await b.getByRole("heading", { name: name(other) }).waitFor();
    expect(await page.evaluate(() => location.hash)).toContain(`customer=${otherId}`);
    const why = await b.getByRole("region", { name: /: why$/ }).textContent();
    for (const r of other.score?.reasons ?? []) expect(why).toContain(r.text);
    if (!other.score?.reasons.length) expect(why).toMatch(/No risk signal fired|Not scored yet/);
    expect(await b.getByRole("region", { name: "Recommended actions" }).locator("li").count()).toBe(
      other.score?.actions.length ?? 0,
    );

    const step = b.getByLabel(stepTitle, { exact: true });
    expect(await step.isChecked()).toBe(false);
    const put = page.waitForResponse(
      (r) => r.request().method() === "PUT" && r.url().includes("/checklist/"),
    );
    await step.check();
    expect((await put).status()).toBe(200);
    await b.getByText(/done by key:browser test/).waitFor();

    await b.getByRole("button", { name: "Copy email subject" }).click();
    await b.getByText("Copied").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(other.drafts.email.subject);
    expect(other.drafts.email.subject).toContain(name(other));

    const notes = "Called the champion; renewal review booked for Tuesday.";
    await b.getByLabel("Outcome", { exact: true }).selectOption({ label: "Meeting scheduled" });
    await b.getByLabel("Notes").fill(notes);
    const post = page.waitForResponse(
      (r) => r.request().method() === "POST" && r.url().endsWith("/outcomes"),
    );
    await b.getByRole("button", { name: "Log outcome" }).click();
    expect((await post).status()).toBe(201);
    await b.getByRole("list", { name: "Logged outcomes" }).getByText(notes).waitFor();

    await page.reload();
    const after = brief();
    await after.getByRole("heading", { name: name(other) }).waitFor();
    expect(await after.getByLabel(stepTitle, { exact: true }).isChecked()).toBe(true);
    const logged = after.getByRole("list", { name: "Logged outcomes" }).locator("li");
    expect(await logged.count()).toBe(1);
    expect(await logged.textContent()).toContain("Meeting scheduled");
    expect(await logged.textContent()).toContain(notes);
    expect(await logged.textContent()).toContain("key:browser test");
    await expect.poll(rowIds).toHaveLength(pick.ids.length); // the filters survived the reload too
    await shot("at-risk");
  });

  it("exports the filtered list as CSV", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("at-risk.csv");
    const text = fs.readFileSync((await download.path())!, "utf8");
    const res = await fetch(
      `${server.url}/v1/customers?book=live&risk_level=${pick.level}&min_arr=${pick.minArr}&format=csv`,
      {
        headers: { authorization: `Bearer ${server.key}` },
      },
    );
    const header = (await res.text()).split("\r\n")[0]!;
    expect(header.startsWith(CSV_HEADER_START)).toBe(true);
    expect(header).toContain("risk_level");
    expect(text.startsWith(`${header}\r\n`)).toBe(true);
    const lines = text.trimEnd().split("\r\n");
    expect(lines).toHaveLength(1 + pick.ids.length);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual([...pick.ids].sort().reverse());
  });

  it("refuses a broken upload with every error line and changes nothing", async () => {
    await page.getByRole("link", { name: "Data" }).click();
    const history = page.getByRole("table", { name: /Import history/ });
    await history.waitFor();
    expect(await history.locator("tbody tr").count()).toBe(1);

    await page.getByLabel("CSV files or zip").setInputFiles(brokenUpload());
    await page.getByLabel("Grain").selectOption("subscription");
    await page.getByRole("button", { name: "Upload" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Import refused: 1 error; nothing was written");
    expect(await alert.locator("li").allTextContents()).toEqual([
      'ravenstack_subscriptions.csv:3: start_date: "2024-02-30" is not a date (expected YYYY-MM-DD)',
    ]);
    await expect.poll(() => history.locator("tbody tr").count()).toBe(2);
    expect(await history.locator("tbody tr").first().textContent()).toContain("Refused");
    await shot("data");

    await page.getByRole("link", { name: "Executive" }).click();
    await expect
      .poll(() => figure("live-customers").locator(".figure-value").textContent())
      .toBe(fmtInt(exec.customers));
    expect(await api<Executive>("/v1/reports/executive")).toEqual(exec);
    expect(await total("book=all")).toBe(5000);
  });

  it("signs out, answers a wrong key with the sign-in form and its message, and signs in again", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("API key").waitFor();
    expect(await page.evaluate(() => localStorage.getItem("holdfast.key"))).toBeNull();

    await page.getByLabel("API key").fill("hf_not-a-real-key");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").getByText("Unknown, revoked or expired API key").waitFor();
    expect(await page.evaluate(() => localStorage.getItem("holdfast.key"))).toBeNull();
    await shot("sign-in");

    await page.getByLabel("API key").fill(server.key);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect
      .poll(() => figure("live-customers").locator(".figure-value").textContent())
      .toBe(fmtInt(exec.customers));
    expect(pageErrors).toEqual([]);
  });
});
