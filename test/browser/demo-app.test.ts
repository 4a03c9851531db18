/**
 * The demo host page (/demo-app/) in a real Chromium against the real service: the demo workspace
 * (300 simulated customers, temporary SQLite store), one plays tick, then a customer with a
 * pending in-app offer signs in through the page's pretend backend. The snippet (/sdk.js, built
 * by `npm run build`) shows the offer in a keyboard-trapped dialog; accepting it records the
 * event and the offers ledger shows it accepted. A tampered identity token gets 401 and the host
 * page keeps working. Screenshots go to test-artifacts/demo-app*.png.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/core/config.ts";
import { findOrg } from "../../src/store/orgs.ts";
import { runPlaysTick } from "../../src/usecases/run-plays-tick.ts";
import { launchChromium } from "../support/browser.ts";
import { startTestServer } from "../support/test-server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SDK = path.join(ROOT, "web/sdk/dist/sdk.js");
const ARTIFACTS = path.join(ROOT, "test-artifacts");
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let page: Page;
let customer: string;
const pageErrors: string[] = [];
const warnings: string[] = [];

const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
const api = async (url: string) =>
  (await fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${server.key}` } })).json();

beforeAll(async () => {
  if (!fs.existsSync(SDK)) throw new Error("web/sdk/dist/sdk.js is not built: run `npm run build` first");
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer({
    demo: { customers: 300, seed: 42, end: yesterday, months: 18 },
    history: false,
    worker: false,
  });
  const org = (await findOrg(server.db, "acme"))!;
  await runPlaysTick({ db: server.db, defaults: parseConfig({}), now: () => new Date() }, org.id);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "warning") warnings.push(m.text());
    // Chromium logs the refused request itself (401); anything else is a page error.
    if (m.type() === "error" && !/status of 401/.test(m.text())) pageErrors.push(m.text());
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("demo host page", () => {
  it("lists demo customers with a pending in-app offer from the plays tick", async () => {
    const config = (await (await fetch(`${server.url}/demo-app/config`)).json()) as {
      publishable_key: string;
      customers: { id: string; offer: boolean }[];
    };
    expect(config.publishable_key).toMatch(/^pk_/);
    expect(JSON.stringify(config)).not.toMatch(/ids_/);
    const withOffer = config.customers.find((c) => c.offer);
    expect(withOffer, "a demo customer with a pending in-app offer").toBeDefined();
    customer = withOffer!.id;
    const offers = (await api(`/v1/customers/${customer}/offers`)).items as { status: string }[];
    expect(offers.some((o) => o.status === "proposed")).toBe(true);
  });

  it("shows the offer from a running play in a dialog that keeps the keyboard inside", async () => {
    await page.goto(`${server.url}/demo-app/`);
    await page.locator(`#customer option[value="${customer}"]`).waitFor({ state: "attached" });
    await page.selectOption("#customer", customer);
    await page.getByRole("button", { name: "Sign in" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor({ timeout: 30_000 });
    expect(await dialog.getAttribute("data-kind")).toBe("modal_offer");
    expect(await dialog.textContent()).toMatch(/\d+% off/);
    expect(await dialog.getByText(/^Offer open until /).count()).toBe(1);
    // Focus starts on the call to action and Tab cycles inside the dialog.
    const inDialog = () =>
      page.evaluate(() => {
        const root = document.querySelector("[data-holdfast]")?.shadowRoot;
        return root?.activeElement?.closest("[role=dialog]") !== null && root?.activeElement !== null;
      });
    expect(await inDialog()).toBe(true);
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press("Tab");
      expect(await inDialog()).toBe(true);
    }
    await expect.poll(() => page.locator("#log").textContent(), { timeout: 20_000 }).toMatch(/impression/);
    await shot("demo-app-offer");
  });

  it("accepting records the event and the offers ledger shows it accepted", async () => {
    const dialog = page.getByRole("dialog");
    const accepted = page.waitForResponse(
      (r) => r.url().includes("/responses") && r.request().postData()?.includes('"accept"') === true,
    );
    await dialog.locator("button.hf-primary").click();
    expect((await accepted).status()).toBe(200);
    await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
    await expect
      .poll(() => page.locator("#log").textContent(), { timeout: 20_000 })
      .toMatch(/accept on .*offer_accepted/);
    const offers = (await api(`/v1/customers/${customer}/offers`)).items as {
      status: string;
      surface: string;
    }[];
    expect(offers.filter((o) => o.status === "accepted")).toHaveLength(1);
    const events = await server.db.kysely
      .selectFrom("events")
      .select(["type", "properties"])
      .where("customer_id", "=", customer)
      .where("type", "in", ["offer_seen", "offer_accepted"])
      .execute();
    expect(events.map((e) => e.type).sort()).toEqual(["offer_accepted", "offer_seen"]);
    await shot("demo-app-accepted");
  });

  it("Esc dismisses another customer's offer dialog and records the dismissal", async () => {
    const config = (await (await fetch(`${server.url}/demo-app/config`)).json()) as {
      customers: { id: string; offer: boolean }[];
    };
    const other = config.customers.find((c) => c.offer && c.id !== customer);
    expect(other, "a second demo customer with an offer").toBeDefined();
    await page.reload();
    await page.locator(`#customer option[value="${other!.id}"]`).waitFor({ state: "attached" });
    await page.selectOption("#customer", other!.id);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("dialog").waitFor({ timeout: 30_000 });
    const dismissed = page.waitForResponse(
      (r) => r.url().includes("/responses") && r.request().postData()?.includes('"dismiss"') === true,
    );
    await page.keyboard.press("Escape");
    expect((await dismissed).status()).toBe(200);
    await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
    // Focus went back to the host page.
    expect(await page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName)).not.toBe(
      "DIV",
    );
    await expect
      .poll(() => page.locator("#log").textContent(), { timeout: 20_000 })
      .toMatch(/dismiss on .*offer_dismissed/);
  });

  it("a tampered identity token gets 401 and the host page keeps working", async () => {
    const refused = page.waitForResponse((r) => r.url().includes("/v1/experiences?"));
    await page.getByRole("button", { name: "Use a tampered identity token" }).click();
    const res = await refused;
    expect(res.status()).toBe(401);
    expect(((await res.json()) as { message: string }).message).toMatch(/signature/);
    await expect.poll(() => page.locator("#log").textContent()).toMatch(/session_start: nothing to show/);
    expect(await page.locator("#log").textContent()).toMatch(
      /Holdfast: .*answered 401: Identity token signature/,
    );
    const host = page.getByRole("button", { name: /Host page button/ });
    await host.click();
    await host.click();
    await expect.poll(() => page.locator("#host-count").textContent()).toBe("2");
    // Another moment with the bad token: still nothing thrown into the page, the error logged once.
    await page.getByRole("button", { name: "Pricing page" }).click();
    await expect.poll(() => page.locator("#log").textContent()).toMatch(/pricing_page: nothing to show/);
    expect(warnings.filter((w) => /\[holdfast\].*401/.test(w)).length).toBeGreaterThanOrEqual(1);
    expect(pageErrors).toEqual([]);
    await shot("demo-app-tampered");
  });
});
