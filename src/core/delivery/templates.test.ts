import { describe, expect, it } from "vitest";
import { CATALOG } from "../plays/catalog/index.ts";
import { DEFAULT_TEMPLATES } from "./default-templates.ts";
import { renderTemplate, type TemplateData, templateProblems } from "./template-syntax.ts";
import { readUnsubscribe, signUnsubscribe, verifyUnsubscribe } from "./unsubscribe-token.ts";

const data: TemplateData = {
  customer: { name: `<img src=x onerror="alert(1)"> & Co`, id: "c1" },
  contact: { name: "" },
  plan: { tier: "Pro", seats: 10 },
  score: { kind: "churn_risk", level: "high", value: 71 },
  reasons: ["Logins fell 60%", "Two escalated tickets"],
  topReason: "Logins fell 60%",
  offer: { percent: 20, cycles: 3, months: null, expiresOn: "2026-07-01" },
  sender: { name: "Ana" },
  org: { name: "Example" },
  unsubscribeUrl: "https://h.example/u/abc.def",
};

describe("message templates", () => {
  it("ships a valid default for every email and SMS step action of the catalog", () => {
    const actions = new Set(
      CATALOG.flatMap((t) =>
        t.steps.filter((s) => s.surface === "email" || s.surface === "sms").map((s) => s.action),
      ),
    );
    expect([...actions].filter((a) => !DEFAULT_TEMPLATES.has(a))).toEqual([]);
    for (const [action, { template }] of DEFAULT_TEMPLATES) {
      for (const f of ["subject", "html", "text"] as const)
        expect(templateProblems(f, template[f]), `${action} ${f}`).toEqual([]);
    }
  });

  it("names unknown variables, helpers, partials and bad syntax", () => {
    expect(templateProblems("html", "{{customer.nmae}}")).toEqual([
      "html: unknown variable customer.nmae (line 1)",
    ]);
    expect(templateProblems("text", "{{#each reasons}}{{this}} {{@index}}{{/each}}")).toEqual([]);
    expect(templateProblems("text", "{{#each plan}}x{{/each}}")).toEqual([
      "text: {{#each}} needs a list (reasons) (line 1)",
    ]);
    expect(templateProblems("text", "{{#with customer}}{{name}}{{/with}}")[0]).toMatch(
      /unknown block \{\{#with\}\}/,
    );
    expect(templateProblems("text", "{{lookup customer 'name'}}")[0]).toMatch(/helpers are not allowed/);
    expect(templateProblems("text", "{{> footer}}")[0]).toMatch(/partials are not allowed/);
    expect(templateProblems("subject", "{{#if offer}}x")[0]).toMatch(/^subject: bad template syntax/);
    expect(templateProblems("text", "{{constructor.name}}")[0]).toMatch(/unknown variable constructor.name/);
  });

  it("escapes every value in HTML and keeps text plain", () => {
    const t = DEFAULT_TEMPLATES.get("loyalty.offer.email")!.template;
    const html = renderTemplate(t.html, data, true);
    expect(html).toContain("&lt;img src&#x3D;x onerror&#x3D;&quot;alert(1)&quot;&gt; &amp; Co");
    expect(html).not.toContain("<img");
    expect(html).toContain("20% off for 3 billing cycles, until 2026-07-01");
    expect(renderTemplate(t.text, data, false)).toContain(`<img src=x onerror="alert(1)"> & Co`);
    expect(renderTemplate(t.text, { ...data, offer: null }, false)).not.toContain("% off");
  });

  it("unsubscribe tokens verify under their key only, and any change breaks them", () => {
    const tok = signUnsubscribe("k1", { orgId: 3, customerId: "c1", channel: "email" });
    expect(verifyUnsubscribe("k1", tok)).toEqual({ orgId: 3, customerId: "c1", channel: "email" });
    expect(verifyUnsubscribe("k2", tok)).toBeNull();
    const forged = `${Buffer.from(JSON.stringify([3, "c2", "email"])).toString("base64url")}.${tok.split(".")[1]}`;
    expect(readUnsubscribe(forged)?.customerId).toBe("c2");
    expect(verifyUnsubscribe("k1", forged)).toBeNull();
    expect(verifyUnsubscribe("k1", `${tok}x`)).toBeNull();
    expect(readUnsubscribe("not-a-token")).toBeNull();
  });
});
