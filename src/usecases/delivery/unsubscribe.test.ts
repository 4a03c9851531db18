import { beforeAll, expect, it } from "vitest";
import { describeStores } from "../../../test/support/stores.ts";
import { testContext } from "../../../test/support/test-context.ts";
import { buildApp } from "../../api/app.ts";
import { parseConfig } from "../../core/config.ts";
import { setBillingContact, upsertCustomer } from "../../store/customer-write.ts";
import { listOutbox } from "../../store/plays/outbox.ts";
import { insertScoreChanges } from "../../store/score-changes.ts";
import { runPlaysTick } from "../run-plays-tick.ts";
import { unsubscribeUrl } from "./message.ts";

const T = new Date("2026-06-01T15:00:00Z");
const LATER = new Date("2026-07-15T15:00:00Z");
const TACTIC = "proactive-check-in";
const config = parseConfig({ delivery: { email: { publicUrl: "https://hf.example.com" } } });

describeStores("unsubscribe", (s) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    app = await buildApp({ db: s.db(), config, now: () => T, webDir: "/nonexistent" });
  });

  /** A customer the check-in tactic emails once now, and would email again after its 30-day rate limit. */
  async function customer() {
    const org = await s.freshOrg();
    await upsertCustomer(s.db(), org.id, "c1", { name: "Acme", arr: 12_000, signup_date: "2025-01-01" });
    await setBillingContact(s.db(), org.id, "c1", { email: "ap@acme.test" });
    await s
      .db()
      .kysely.updateTable("customers")
      .set({ status: "active" })
      .where("org_id", "=", org.id)
      .execute();
    const change = (at: Date, oldLevel: string, newLevel: string) =>
      insertScoreChanges(
        s.db(),
        org.id,
        [{ customerId: "c1", kind: "health", oldScore: 70, newScore: 50, oldLevel, newLevel, crossed: null }],
        { cause: "test", configVersion: 0, at: at.toISOString() },
      );
    await change(T, "stable", "watch");
    const ctx = testContext(s.db(), () => T, config);
    await runPlaysTick(ctx, org.id, { asOf: T });
    const emails = async () =>
      (await listOutbox(s.db(), org.id)).filter((x) => x.tactic === TACTIC && x.channel === "email");
    expect(await emails()).toHaveLength(1);
    const url = await unsubscribeUrl(ctx, config, org.id, "c1", "email");
    const path = new URL(url).pathname;
    const consents = async () =>
      JSON.parse(
        (
          await s
            .db()
            .kysely.selectFrom("customers")
            .select("consents")
            .where("org_id", "=", org.id)
            .where("id", "=", "c1")
            .executeTakeFirstOrThrow()
        ).consents ?? "{}",
      ) as Record<string, boolean>;
    /** The next tick, weeks later, after a new health drop: does it write another email? */
    const nextTickEmails = async () => {
      await change(LATER, "stable", "at_risk");
      await runPlaysTick(
        testContext(s.db(), () => LATER, config),
        org.id,
        { asOf: LATER },
      );
      return (await emails()).length;
    };
    return { org, path, consents, nextTickEmails };
  }

  it("control: without an unsubscribe the next tick emails again", async () => {
    const c = await customer();
    expect(await c.nextTickEmails()).toBe(2);
  });

  it("the link's page changes nothing; its button records the opt-out; the next tick sends no email", async () => {
    const c = await customer();
    const page = await app.inject({ method: "GET", url: c.path });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain("<button");
    expect(await c.consents()).toEqual({});
    const post = await app.inject({
      method: "POST",
      url: c.path,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "via=link",
    });
    expect(post.statusCode).toBe(200);
    expect(post.body).toContain("You are unsubscribed");
    expect(await c.consents()).toEqual({ email: false });
    const audit = await s
      .db()
      .kysely.selectFrom("audit_log")
      .select(["actor", "action", "subject"])
      .where("org_id", "=", c.org.id)
      .where("action", "=", "customer.opt_out")
      .execute();
    expect(audit).toEqual([{ actor: "unsubscribe:link", action: "customer.opt_out", subject: "c1" }]);
    expect(await c.nextTickEmails()).toBe(1);
  });

  it("RFC 8058 one-click POST records the opt-out; the next tick sends no email", async () => {
    const c = await customer();
    const post = await app.inject({
      method: "POST",
      url: c.path,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "List-Unsubscribe=One-Click",
    });
    expect(post.statusCode).toBe(200);
    expect(await c.consents()).toEqual({ email: false });
    expect(await c.nextTickEmails()).toBe(1);
  });

  it("a tampered token gets a 400 page and changes nothing", async () => {
    const c = await customer();
    const [payload, sig] = c.path.slice(3).split(".") as [string, string];
    const otherCustomer = Buffer.from(JSON.stringify([c.org.id, "c2", "email"])).toString("base64url");
    const flipped = `${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`;
    for (const bad of [`${otherCustomer}.${sig}`, `${payload}.${flipped}`, "garbage", `${payload}`]) {
      for (const method of ["GET", "POST"] as const) {
        const r = await app.inject({
          method,
          url: `/u/${bad}`,
          ...(method === "POST"
            ? {
                headers: { "content-type": "application/x-www-form-urlencoded" },
                payload: "List-Unsubscribe=One-Click",
              }
            : {}),
        });
        expect(r.statusCode, `${method} ${bad}`).toBe(400);
        expect(r.body).toContain("Nothing was changed");
      }
    }
    expect(await c.consents()).toEqual({});
  });
});
