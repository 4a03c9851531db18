/**
 * The Plays page (issue 11) in a real Chromium against the real service on the demo workspace
 * (150 customers, 12 months, seed 42, ending yesterday), after one plays tick. One live customer is
 * made a large account (ARR 120,000) whose churn risk just went high, so the tick holds a step for
 * approval. Checks: the catalog groups every tactic by stage with the counts of GET /v1/tactics; a
 * tactic needing the cancel flow cannot be switched on; switching a tactic off saves a config
 * version and queues a plays tick (no score refresh); a viewer is told only an admin may switch; an
 * approval needs a reason and is approved; decisions filter by outcome; the customer's page shows
 * its runs and its timeline the play; nothing scrolls sideways at 390 px. No worker runs: the queue
 * is read, not drained. Needs a built dashboard (`npm run build`). Screenshots: test-results/screenshots/.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type * as Plays from "../../src/contracts/plays.ts";
import { parseConfig } from "../../src/core/config.ts";
import { createApiKey } from "../../src/store/api-keys.ts";
import { upsertCustomer } from "../../src/store/customer-write.ts";
import { insertScoreChanges } from "../../src/store/score-changes.ts";
import { runPlaysTick } from "../../src/usecases/run-plays-tick.ts";
import type { ConfigVersionList, CustomerList, JobsOverview } from "../../web/src/api/types.ts";
import { launchChromium } from "../support/browser.ts";
import { startTestServer } from "../support/test-server.ts";

type ApprovalList = z.infer<typeof Plays.ApprovalList>;
type DecisionList = z.infer<typeof Plays.DecisionList>;
type RunList = z.infer<typeof Plays.RunList>;
type TacticList = z.infer<typeof Plays.TacticList>;
type TaskList = z.infer<typeof Plays.TaskList>;

const ROOT = path.resolve(import.meta.dirname, "../..");
const WEB_DIR = path.join(ROOT, "web/dist");
const SHOTS = path.join(ROOT, "test-results/screenshots");
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let viewerKey: string;
let bigId: string;
let critId: string;
const pageErrors: string[] = [];

async function api<T>(url: string, key = server.key): Promise<T> {
  const res = await fetch(`${server.url}${url}`, { headers: { Authorization: `Bearer ${key}` } });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
const sideways = () =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const num = (s: string | null) => Number((s ?? "").replace(/[^\d-]/g, ""));

/** Every tactic card's counts as the page shows them, by slug. */
const shownCounts = () =>
  page.evaluate(() => {
    const out: Record<string, { stage: string | undefined; counts: Record<string, string> }> = {};
    const cards = document.querySelectorAll("article[data-tactic]");
    for (let i = 0; i < cards.length; i++) {
      const card = cards[i] as HTMLElement;
      const counts: Record<string, string> = {};
      const figures = card.querySelectorAll("[data-count]");
      for (let j = 0; j < figures.length; j++) {
        const d = figures[j] as HTMLElement;
        counts[d.dataset.count ?? ""] = d.querySelector("dd")?.textContent ?? "";
      }
      const stage = (card.closest("[data-stage]") as HTMLElement | null)?.dataset.stage;
      out[card.dataset.tactic ?? ""] = { stage, counts };
    }
    return out;
  });

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIR, "index.html")))
    throw new Error("build the dashboard first: npm run build");
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer({
    webDir: WEB_DIR,
    demo: { customers: 150, seed: 42, end: yesterday, months: 12 },
    history: false,
    worker: false,
  });
  const db = server.db;
  const org = await db.kysely
    .selectFrom("orgs")
    .select("id")
    .where("slug", "=", "acme")
    .executeTakeFirstOrThrow();
  const orgId = Number(org.id);
  viewerKey = (await createApiKey(db, orgId, { role: "viewer", name: "plays viewer", now: new Date() })).key;

  // A large live account whose churn risk just went high: its escalation waits for approval.
  // And a small one whose churn risk went critical: its win-back makes a CSM task at once.
  const live = await api<CustomerList>("/v1/customers?book=live&status=active&limit=2");
  bigId = live.items[0]!.customer_id;
  critId = live.items[1]!.customer_id;
  await upsertCustomer(db, orgId, bigId, { arr: 120_000 });
  await upsertCustomer(db, orgId, critId, { arr: 6_000, owner: "bo" });
  await insertScoreChanges(
    db,
    orgId,
    [
      {
        customerId: bigId,
        kind: "churn_risk",
        oldScore: 40,
        newScore: 80,
        oldLevel: "medium",
        newLevel: "high",
        crossed: null,
      },
      {
        customerId: critId,
        kind: "churn_risk",
        oldScore: 70,
        newScore: 92,
        oldLevel: "high",
        newLevel: "critical",
        crossed: null,
      },
    ],
    { cause: "test", configVersion: 0, at: new Date().toISOString() },
  );
  await runPlaysTick({ db, defaults: parseConfig({}), now: () => new Date() }, orgId, { actor: "test" });

  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: "en-US",
    timezoneId: "UTC",
  });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    // The viewer's refused switch (403) is logged by Chromium itself.
    if (m.type() === "error" && !/status of 403/.test(m.text())) pageErrors.push(m.text());
  });
  await page.goto(`${server.url}/#key=${server.key}`);
  await page.waitForFunction(() => location.hash === "#/executive");
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("plays page on the demo workspace", () => {
  it("opens from the nav and shows every tactic by stage with the counts of GET /v1/tactics", async () => {
    await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Plays" }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/plays");
    await page.getByRole("heading", { name: "Plays", level: 1 }).waitFor();
    expect(await page.title()).toBe("Plays · Holdfast");
    await page.locator("article[data-tactic]").first().waitFor();

    const { items } = await api<TacticList>("/v1/tactics");
    expect(items.length).toBeGreaterThan(30);
    expect(items.some((t) => t.counts.eligible > 0)).toBe(true);
    await expect.poll(async () => Object.keys(await shownCounts()).length).toBe(items.length);
    const shown = await shownCounts();
    for (const t of items) {
      const s = shown[t.slug]!;
      expect(s.stage, t.slug).toBe(t.stage);
      const suppressed = Object.values(t.counts.suppressed).reduce((a, n) => a + n, 0);
      expect(
        {
          eligible: num(s.counts.eligible!),
          started: num(s.counts.started!),
          fired: num(s.counts.fired!),
          suppressed: num(s.counts.suppressed!),
          in_flight: num(s.counts.in_flight!),
          converted: num(s.counts.converted!),
        },
        t.slug,
      ).toEqual({
        eligible: t.counts.eligible,
        started: t.counts.started,
        fired: t.counts.fired,
        suppressed,
        in_flight: t.counts.in_flight,
        converted: t.counts.converted,
      });
    }
    // The totals are the catalog's sums.
    const eligible = items.reduce((a, t) => a + t.counts.eligible, 0);
    const totals = page.getByLabel("Plays totals");
    expect(
      num(await totals.locator(".stat-card", { hasText: "Eligible" }).locator(".stat-value").textContent()),
    ).toBe(eligible);

    // The counts over the last 30 days come from GET /v1/tactics?days=30, totals and cards alike.
    await page.getByRole("button", { name: "Last 30 days" }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toContain("days=30");
    const recent = await api<TacticList>("/v1/tactics?days=30");
    expect(recent.since).not.toBeNull();
    const recentEligible = recent.items.reduce((a, t) => a + t.counts.eligible, 0);
    await expect
      .poll(async () =>
        num(await totals.locator(".stat-card", { hasText: "Eligible" }).locator(".stat-value").textContent()),
      )
      .toBe(recentEligible);
    await page.getByText(/counts cover decisions since/).waitFor();
    const shownRecent = await shownCounts();
    for (const t of recent.items)
      expect(num(shownRecent[t.slug]!.counts.eligible!), t.slug).toBe(t.counts.eligible);
    await page.getByRole("button", { name: "Every decision" }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).not.toContain("days=");

    // A tactic needing the cancel flow is off and cannot be switched on, and says why.
    const cancel = items.find((t) => t.missing_surfaces.includes("cancel_flow"))!;
    const card = page.locator(`article[data-tactic="${cancel.slug}"]`);
    expect(await card.getByRole("switch").isDisabled()).toBe(true);
    expect(await card.getByRole("switch").isChecked()).toBe(false);
    expect(await card.textContent()).toContain("needs cancel flow");
    await shot("plays-catalog");
  });

  it("switches a tactic off as a new config version and queues a plays tick, not a score refresh", async () => {
    const before = await api<TacticList>("/v1/tactics");
    const refreshes = async () =>
      (await api<JobsOverview>("/v1/jobs?limit=500")).jobs.filter((j) => j.kind === "refresh").length;
    const refreshesBefore = await refreshes();
    const target = before.items.find((t) => t.slug === "feature-discovery")!;
    expect(target.switched_on).toBe(true);
    const toggle = page.getByRole("switch", { name: `${target.name} enabled` });
    expect(await toggle.isChecked()).toBe(true);
    await toggle.click();
    await page
      .locator(`article[data-tactic="feature-discovery"]`)
      .getByText(/Saved as config version 1/)
      .waitFor();
    await expect.poll(() => toggle.isChecked()).toBe(false);

    const versions = await api<ConfigVersionList>("/v1/config/versions");
    expect(versions.items[0]).toMatchObject({
      version: 1,
      changes: [{ path: "plays.tactics.feature-discovery", to: { enabled: false } }],
    });
    const after = await api<TacticList>("/v1/tactics");
    expect(after.items.find((t) => t.slug === "feature-discovery")).toMatchObject({
      switched_on: false,
      enabled: false,
    });
    const { jobs } = await api<JobsOverview>("/v1/jobs?limit=500");
    expect(jobs.filter((j) => j.kind === "plays_tick" && j.status === "queued")).toHaveLength(1);
    expect(await refreshes()).toBe(refreshesBefore);
  });

  it("tells a viewer that only an admin key may switch a tactic", async () => {
    const viewer = await context.newPage();
    await viewer.goto(`${server.url}/#key=${viewerKey}`);
    await viewer.waitForFunction(() => location.hash === "#/executive");
    await viewer.goto(`${server.url}/#/plays`);
    const toggle = viewer.getByRole("switch", { name: "Feature discovery enabled" });
    await toggle.waitFor();
    await toggle.click();
    await viewer.getByText("Only an admin key may switch tactics").waitFor();
    const versions = await api<ConfigVersionList>("/v1/config/versions");
    expect(versions.items).toHaveLength(1);
    await viewer.close();
  });

  it("approves the held escalation with a reason (refused without one)", async () => {
    const pending = await api<ApprovalList>("/v1/approvals?status=pending");
    const mine = pending.items.find((a) => a.customer_id === bigId);
    expect(mine).toMatchObject({ arr: 120_000 });
    await page
      .getByRole("navigation", { name: "Plays sections" })
      .getByRole("link", { name: "Approvals" })
      .click();
    const row = page.locator(`tr[data-approval="${mine!.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain("$120,000");
    expect(await row.getByRole("link").first().getAttribute("href")).toMatch(
      new RegExp(`#/customers/${bigId}$`),
    );
    await row.getByRole("button", { name: "Approve" }).click();
    await row.getByText("Give a reason to approve or reject.").waitFor();
    expect((await api<ApprovalList>("/v1/approvals?status=pending")).items.map((a) => a.id)).toContain(
      mine!.id,
    );

    await row.getByPlaceholder("Reason (required)").fill("Account lead agreed to the outreach");
    await row.getByRole("button", { name: "Approve" }).click();
    await expect.poll(async () => (await row.count()) === 0, { timeout: 30_000 }).toBe(true);
    const approved = await api<ApprovalList>("/v1/approvals?status=approved");
    expect(approved.items.find((a) => a.id === mine!.id)).toMatchObject({
      status: "approved",
      reason: "Account lead agreed to the outreach",
    });
    await shot("plays-approvals");
  });

  it("marks the win-back's CSM task done with a note", async () => {
    const open = await api<TaskList>("/v1/tasks?status=open");
    const task = open.items.find((t) => t.customer_id === critId);
    expect(task).toMatchObject({ owner: "bo", status: "open" });
    await page
      .getByRole("navigation", { name: "Plays sections" })
      .getByRole("link", { name: "CSM tasks" })
      .click();
    const row = page.locator(`tr[data-task="${task!.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(task!.reason);
    await row.getByLabel(`Note for task ${task!.id}`).fill("Called the admin, renewal on track");
    await row.getByRole("button", { name: "Done" }).click();
    await expect.poll(async () => (await row.count()) === 0, { timeout: 30_000 }).toBe(true);
    const done = await api<TaskList>("/v1/tasks?status=done");
    expect(done.items.find((t) => t.id === task!.id)).toMatchObject({
      status: "done",
      note: "Called the admin, renewal on track",
    });
    await page.getByLabel("Status").selectOption("done");
    await page.locator(`tr[data-task="${task!.id}"]`).waitFor();
  });

  it("filters recent decisions by outcome, with the rule that suppressed each", async () => {
    await page.goto(`${server.url}/#/plays?tab=decisions`);
    await page.getByLabel("Outcome").selectOption("suppress");
    await expect.poll(() => page.evaluate(() => location.hash)).toContain("outcome=suppress");
    await page.locator("tr[data-outcome]").first().waitFor();
    const outcomes = await page
      .locator("tr[data-outcome]")
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.outcome));
    const api50 = await api<DecisionList>("/v1/plays/decisions?outcome=suppress&limit=50");
    expect(outcomes).toHaveLength(api50.items.length);
    expect(new Set(outcomes)).toEqual(new Set(["suppress"]));
  });

  it("shows the customer's runs on its page and the play on its timeline", async () => {
    const runs = await api<RunList>(`/v1/customers/${bigId}/runs`);
    expect(runs.items.length).toBeGreaterThan(0);
    await page.goto(`${server.url}/#/customers/${bigId}`);
    const section = page.getByRole("region", { name: "Plays" });
    await section.waitFor();
    const table = section.getByRole("table", { name: "Play runs, newest first" });
    await table.waitFor();
    expect(await table.locator("tbody tr").count()).toBe(runs.items.length);
    expect(await table.textContent()).toContain(runs.items[0]!.tactic_name);
    await expect
      .poll(() => page.locator('[data-kind="play"]').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await shot("plays-customer");
  });

  it("has no sideways scroll at phone width", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const tab of ["catalog", "approvals", "tasks", "deals", "insights", "decisions"]) {
      await page.goto(`${server.url}/#/plays?tab=${tab}`);
      await page.getByRole("heading", { name: "Plays", level: 1 }).waitFor();
      await page.waitForLoadState("networkidle");
      expect(await sideways(), tab).toBeLessThanOrEqual(0);
    }
    await page.goto(`${server.url}/#/customers/${bigId}`);
    await page.getByRole("region", { name: "Plays" }).waitFor();
    expect(await sideways()).toBeLessThanOrEqual(0);
    await page.goto(`${server.url}/#/plays`);
    await page.locator("article[data-tactic]").first().waitFor();
    await shot("plays-phone");
    expect(pageErrors).toEqual([]);
  });
});
