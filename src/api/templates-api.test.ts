import { beforeAll, expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { parseConfig } from "../core/config.ts";
import { createApiKey } from "../store/api-keys.ts";
import { setBillingContact, upsertCustomer } from "../store/customer-write.ts";
import { loadDemoWorkspace } from "../usecases/load-demo-workspace.ts";
import { buildApp } from "./app.ts";

const T = new Date("2026-06-01T15:00:00Z");
const now = () => T;
const END = "2026-05-31";
const config = parseConfig({ outreach: { senderName: "Ana at Demo" } });

describeStores("templates and delivery feedback API", (s) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let orgId: number;
  const keys: Record<string, string> = {};
  const call = (method: "GET" | "PUT" | "POST", url: string, key: string, body?: unknown) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  let demoCustomer: { id: string; name: string };

  beforeAll(async () => {
    const org = await s.freshOrg();
    orgId = org.id;
    await loadDemoWorkspace(testContext(s.db(), now, config), org.id, {
      customers: 12,
      seed: 11,
      end: END,
      months: 6,
    });
    const c = await s
      .db()
      .kysely.selectFrom("customers")
      .select(["id", "name", "account_name"])
      .where("org_id", "=", org.id)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    demoCustomer = { id: c.id, name: c.name ?? c.account_name ?? c.id };
    for (const role of ["viewer", "ingest", "admin"] as const)
      keys[role] = (await createApiKey(s.db(), org.id, { role, name: role, now: T })).key;
    app = await buildApp({ db: s.db(), config, now, webDir: "/nonexistent" });
  });

  it("lists the template of every email and SMS step action, with the variables", async () => {
    const r = await call("GET", "/v1/templates", keys.viewer!);
    expect(r.statusCode).toBe(200);
    const body = r.json() as {
      templates: { action: string; channel: string; version: number }[];
      variables: object;
    };
    expect(body.templates.length).toBe(25);
    expect(body.templates).toContainEqual(
      expect.objectContaining({ action: "dunning.sms", channel: "sms", version: 0 }),
    );
    expect(body.variables).toHaveProperty("unsubscribeUrl");
  });

  it("refuses bad syntax, unknown variables and helpers naming them; saves versions with author and reason", async () => {
    const base = {
      subject: "Hi {{customer.name}}",
      html: "<p>{{customer.name}}</p>",
      text: "Hi",
      reason: "test",
    };
    const put = (body: object, key = keys.admin!) =>
      call("PUT", "/v1/templates/intervention.email", key, body);
    expect((await put(base, keys.viewer!)).statusCode).toBe(403);
    const unknown = await put({ ...base, html: "<p>{{customer.nmae}}</p>" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toBe("template refused: html: unknown variable customer.nmae (line 1)");
    const syntax = await put({ ...base, subject: "Hi {{#if offer}}" });
    expect(syntax.statusCode).toBe(400);
    expect(syntax.json().message).toMatch(/^template refused: subject: bad template syntax/);
    const helper = await put({ ...base, text: "{{lookup customer 'name'}}" });
    expect(helper.json().message).toMatch(/text: helpers are not allowed/);
    const partial = await put({ ...base, text: "{{> footer}}" });
    expect(partial.json().message).toMatch(/text: partials are not allowed/);
    expect((await call("PUT", "/v1/templates/no.such", keys.admin!, base)).statusCode).toBe(404);

    const v1 = await put(base);
    expect(v1.statusCode).toBe(200);
    expect(v1.json()).toMatchObject({ version: 1, reason: "test" });
    const v2 = await put({ ...base, subject: "Again {{customer.name}}", reason: "second" });
    expect(v2.json()).toMatchObject({ version: 2 });
    const versions = await call("GET", "/v1/templates/intervention.email/versions", keys.viewer!);
    expect(
      (versions.json() as { items: { version: number; reason: string }[] }).items.map((v) => [
        v.version,
        v.reason,
      ]),
    ).toEqual([
      [2, "second"],
      [1, "test"],
    ]);
    const list = (await call("GET", "/v1/templates", keys.viewer!)).json() as {
      templates: { action: string; version: number }[];
    };
    expect(list.templates.find((t) => t.action === "intervention.email")?.version).toBe(2);
  });

  it("previews a template with a demo customer's data, and an unsaved draft", async () => {
    const r = await call("POST", "/v1/templates/check_in.contextual/preview", keys.viewer!, {
      customerId: demoCustomer.id,
    });
    expect(r.statusCode).toBe(200);
    const p = r.json() as { subject: string; html: string; text: string; channel: string };
    expect(p.channel).toBe("email");
    expect(p.subject).toBe(`Checking in on ${demoCustomer.name}`);
    expect(p.html).toContain("Ana at Demo");
    expect(p.html).toMatch(/href="http:\/\/127\.0\.0\.1:3000\/u\/[\w-]+\.[\w-]+"/);
    const draft = await call("POST", "/v1/templates/check_in.contextual/preview", keys.viewer!, {
      customerId: demoCustomer.id,
      draft: { subject: "{{plan.tier}} / {{score.level}}", html: "<b>{{customer.name}}</b>", text: "x" },
    });
    expect(draft.statusCode).toBe(200);
    expect(draft.json().html).toBe(`<b>${demoCustomer.name.replace(/&/g, "&amp;")}</b>`);
    const sms = await call("POST", "/v1/templates/dunning.sms/preview", keys.viewer!, {
      customerId: demoCustomer.id,
    });
    expect(sms.json().text).toMatch(/Reply STOP to opt out$/);
    const missing = await call("POST", "/v1/templates/check_in.contextual/preview", keys.viewer!, {
      customerId: "nope",
    });
    expect(missing.statusCode).toBe(404);
  });

  it("a hard bounce or complaint suppresses the address and opts out of email; STOP opts out of SMS", async () => {
    const db = s.db();
    for (const id of ["b1", "b2", "b3"])
      await upsertCustomer(db, orgId, id, { name: id, consents: { email: true, sms: true } });
    await setBillingContact(db, orgId, "b1", { email: "Hard@Bounce.test" });
    await setBillingContact(db, orgId, "b2", { email: "soft@bounce.test" });
    const ev = (id: string, customer: string, type: string, properties: object) => ({
      id,
      customer_id: customer,
      type,
      timestamp: "2026-06-01T10:00:00Z",
      properties,
    });
    const r = await call("POST", "/v1/events", keys.ingest!, [
      ev("x1", "b1", "email_bounced", { kind: "hard" }),
      ev("x2", "b2", "email_bounced", { kind: "soft" }),
      ev("x3", "b3", "email_complained", { address: "complainer@x.test" }),
      ev("x4", "b2", "sms_stop", {}),
    ]);
    expect(r.json()).toMatchObject({ accepted: 4, rejected: [] });
    const bad = await call("POST", "/v1/events", keys.ingest!, [
      ev("x5", "b1", "email_bounced", { kind: "maybe" }),
    ]);
    expect(bad.json().rejected).toHaveLength(1);
    const supp = await db.kysely
      .selectFrom("email_suppressions" as never)
      .select(["address", "reason", "customer_id"] as never[])
      .where("org_id" as never, "=", orgId as never)
      .orderBy("address" as never)
      .execute();
    expect(supp).toEqual([
      { address: "complainer@x.test", reason: "complaint", customer_id: "b3" },
      { address: "hard@bounce.test", reason: "hard_bounce", customer_id: "b1" },
    ]);
    const consents = Object.fromEntries(
      (
        await db.kysely
          .selectFrom("customers")
          .select(["id", "consents"])
          .where("org_id", "=", orgId)
          .where("id", "in", ["b1", "b2", "b3"])
          .execute()
      ).map((c) => [c.id, JSON.parse(c.consents ?? "{}")]),
    );
    expect(consents).toEqual({
      b1: { email: false, sms: true },
      b2: { email: true, sms: false },
      b3: { email: false, sms: true },
    });
  });
});
