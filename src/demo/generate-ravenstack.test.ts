import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { DemoFiles } from "./generate-ravenstack.ts";
import { DEMO_FILE_NAMES, generateRavenstack, writeDemo } from "./generate-ravenstack.ts";
import { createRng } from "./prng.ts";

type Row = Record<string, string>;

const HEADERS: Record<keyof DemoFiles, string> = {
  accounts:
    "account_id,account_name,industry,country,signup_date,referral_source,plan_tier,seats,is_trial,churn_flag",
  subscriptions:
    "subscription_id,account_id,start_date,end_date,plan_tier,seats,mrr_amount,arr_amount,is_trial,upgrade_flag,downgrade_flag,churn_flag,billing_frequency,auto_renew_flag",
  feature_usage:
    "usage_id,subscription_id,usage_date,feature_name,usage_count,usage_duration_secs,error_count,is_beta_feature",
  support_tickets:
    "ticket_id,account_id,submitted_at,closed_at,resolution_time_hours,priority,first_response_time_minutes,satisfaction_score,escalation_flag",
  churn_events:
    "churn_event_id,account_id,churn_date,reason_code,refund_amount_usd,preceding_upgrade_flag,preceding_downgrade_flag,is_reactivation,feedback_text",
  ground_truth: "account_id,churn_propensity,expansion_propensity,churned,churn_date",
};

const END = "2024-06-30";
// 18 months before END.
const WINDOW_START = "2022-12-30";
const PRE_WINDOW_START = "2021-12-30";

const BIG = generateRavenstack({ customers: 2000, seed: 7, end: END });

function rows(text: string): Row[] {
  return parse(text, { columns: true }) as Row[];
}

const tables = {
  accounts: rows(BIG.accounts),
  subscriptions: rows(BIG.subscriptions),
  usage: rows(BIG.feature_usage),
  tickets: rows(BIG.support_tickets),
  churn: rows(BIG.churn_events),
  truth: rows(BIG.ground_truth),
};

const DAY_MS = 86_400_000;
function dayOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

function isValidDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  return new Date(Date.parse(`${s}T00:00:00Z`)).toISOString().slice(0, 10) === s;
}

function expectAll(values: string[], pattern: RegExp, what: string): void {
  const bad = values.filter((v) => !pattern.test(v));
  expect(bad.slice(0, 5), what).toEqual([]);
}

const col = (table: Row[], name: string): string[] => table.map((r) => r[name] as string);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const BOOL = /^(True|False)$/;

describe("prng", () => {
  it("is deterministic and in range", () => {
    const a = createRng(123);
    const b = createRng(123);
    for (let i = 0; i < 1000; i++) {
      const x = a.next();
      expect(x).toBe(b.next());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    const r = createRng(5);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
    }
    expect(r.hexId(12)).toMatch(/^[0-9a-f]{12}$/);
  });

  it("has sensible poisson and normal moments", () => {
    const r = createRng(9);
    for (const lambda of [0.5, 4, 50]) {
      const xs = Array.from({ length: 20_000 }, () => r.poisson(lambda));
      expect(mean(xs)).toBeCloseTo(lambda, lambda > 10 ? 0 : 1);
    }
    const zs = Array.from({ length: 20_000 }, () => r.normal(10, 2));
    expect(mean(zs)).toBeCloseTo(10, 1);
    expect(Math.sqrt(mean(zs.map((z) => (z - 10) ** 2)))).toBeCloseTo(2, 1);
  });
});

describe("generateRavenstack", () => {
  it("is byte-identical for the same options and differs across seeds", () => {
    const opts = { customers: 300, seed: 11, end: "2025-03-31", months: 12 };
    const a = generateRavenstack(opts);
    const b = generateRavenstack({ ...opts });
    expect(a).toEqual(b);
    const c = generateRavenstack({ ...opts, seed: 12 });
    for (const key of Object.keys(HEADERS) as (keyof DemoFiles)[]) {
      expect(c[key]).not.toBe(a[key]);
    }
  });

  it("writes exact headers, LF endings and a trailing newline", () => {
    for (const key of Object.keys(HEADERS) as (keyof DemoFiles)[]) {
      const text = BIG[key];
      expect(text.split("\n")[0]).toBe(HEADERS[key]);
      expect(text.endsWith("\n")).toBe(true);
      expect(text.endsWith("\n\n")).toBe(false);
      expect(text.includes("\r")).toBe(false);
    }
  });

  it("gives every row a unique, well-formed id", () => {
    const ids: [Row[], string, RegExp][] = [
      [tables.accounts, "account_id", /^A-[0-9a-f]{6}$/],
      [tables.subscriptions, "subscription_id", /^S-[0-9a-f]{6}$/],
      [tables.usage, "usage_id", /^U-[0-9a-f]+$/],
      [tables.tickets, "ticket_id", /^T-[0-9a-f]{6}$/],
      [tables.churn, "churn_event_id", /^C-[0-9a-f]{6}$/],
    ];
    for (const [table, name, pattern] of ids) {
      const values = col(table, name);
      expectAll(values, pattern, name);
      expect(new Set(values).size, name).toBe(values.length);
    }
    expect(new Set(col(tables.truth, "account_id")).size).toBe(tables.truth.length);
    expect(new Set(col(tables.accounts, "account_name")).size).toBe(tables.accounts.length);
  });

  it("resolves every foreign key", () => {
    const accounts = new Set(col(tables.accounts, "account_id"));
    const subs = new Set(col(tables.subscriptions, "subscription_id"));
    const missing = (values: string[], set: Set<string>) => values.filter((v) => !set.has(v));
    expect(missing(col(tables.subscriptions, "account_id"), accounts)).toEqual([]);
    expect(missing(col(tables.usage, "subscription_id"), subs)).toEqual([]);
    expect(missing(col(tables.tickets, "account_id"), accounts)).toEqual([]);
    expect(missing(col(tables.churn, "account_id"), accounts)).toEqual([]);
    expect(new Set(col(tables.truth, "account_id"))).toEqual(accounts);
    // Every account has 1 to 3 subscriptions.
    const perAccount = new Map<string, number>();
    for (const s of tables.subscriptions) {
      perAccount.set(s.account_id as string, (perAccount.get(s.account_id as string) ?? 0) + 1);
    }
    expect(perAccount.size).toBe(accounts.size);
    expect(Math.max(...perAccount.values())).toBeLessThanOrEqual(3);
  });

  it("uses the strict value formats", () => {
    const a = tables.accounts;
    expectAll(col(a, "account_name"), /^Company_\d+$/, "account_name");
    expectAll(col(a, "industry"), /^(EdTech|FinTech|DevTools|HealthTech|Cybersecurity)$/, "industry");
    expectAll(col(a, "country"), /^(US|UK|IN|DE|FR|CA|AU)$/, "country");
    expectAll(col(a, "referral_source"), /^(organic|partner|ads|event|other)$/, "referral_source");
    expectAll(col(a, "plan_tier"), /^(Basic|Pro|Enterprise)$/, "plan_tier");
    expectAll(col(a, "seats"), /^[1-9]\d*$/, "seats");
    expectAll([...col(a, "is_trial"), ...col(a, "churn_flag")], BOOL, "account booleans");

    const s = tables.subscriptions;
    expectAll(col(s, "plan_tier"), /^(Basic|Pro|Enterprise)$/, "sub plan_tier");
    expectAll([...col(s, "seats"), ...col(s, "mrr_amount"), ...col(s, "arr_amount")], /^\d+$/, "sub ints");
    for (const name of ["is_trial", "upgrade_flag", "downgrade_flag", "churn_flag", "auto_renew_flag"]) {
      expectAll(col(s, name), BOOL, name);
    }
    expectAll(col(s, "billing_frequency"), /^(monthly|annual)$/, "billing_frequency");
    for (const sub of s) expect(Number(sub.arr_amount)).toBe(Number(sub.mrr_amount) * 12);

    const u = tables.usage;
    expectAll(col(u, "feature_name"), /^feature_([1-9]|[1-3]\d|40)$/, "feature_name");
    expectAll(
      [...col(u, "usage_count"), ...col(u, "usage_duration_secs"), ...col(u, "error_count")],
      /^\d+$/,
      "usage ints",
    );
    expectAll(col(u, "is_beta_feature"), BOOL, "is_beta_feature");

    const t = tables.tickets;
    expectAll(col(t, "closed_at"), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, "closed_at");
    expectAll(col(t, "resolution_time_hours"), /^\d+\.\d$/, "resolution_time_hours");
    expectAll(col(t, "priority"), /^(low|medium|high|urgent)$/, "priority");
    expectAll(col(t, "first_response_time_minutes"), /^\d+$/, "first_response_time_minutes");
    expectAll(col(t, "satisfaction_score"), /^([1-5]\.0)?$/, "satisfaction_score");
    expectAll(col(t, "escalation_flag"), BOOL, "escalation_flag");
    // closed_at is exactly submitted_at (midnight) plus the resolution time.
    for (const ticket of t) {
      const closed = Date.parse(`${(ticket.closed_at as string).replace(" ", "T")}Z`);
      const hours = (closed - dayOf(ticket.submitted_at as string) * DAY_MS) / 3_600_000;
      expect(hours).toBeCloseTo(Number(ticket.resolution_time_hours), 6);
    }

    const c = tables.churn;
    expectAll(col(c, "reason_code"), /^(pricing|budget|features|support|competitor|unknown)$/, "reason_code");
    expectAll(col(c, "refund_amount_usd"), /^\d+\.\d{1,2}$/, "refund_amount_usd");
    for (const name of ["preceding_upgrade_flag", "preceding_downgrade_flag", "is_reactivation"]) {
      expectAll(col(c, name), BOOL, name);
    }
    expectAll(col(c, "feedback_text"), /^[^,"\n]*$/, "feedback_text");

    expectAll(col(tables.truth, "churned"), BOOL, "churned");
  });

  it("keeps dates valid and inside the history window", () => {
    const start = dayOf(WINDOW_START);
    const end = dayOf(END);
    const inWindow = (label: string, values: string[]) => {
      const present = values.filter((v) => v !== "");
      expectAll(present, /^\d{4}-\d{2}-\d{2}$/, label);
      const bad = present.filter((v) => !isValidDate(v) || dayOf(v) < start || dayOf(v) > end);
      expect(bad.slice(0, 5), label).toEqual([]);
    };
    inWindow("usage_date", col(tables.usage, "usage_date"));
    inWindow("end_date", col(tables.subscriptions, "end_date"));
    inWindow("submitted_at", col(tables.tickets, "submitted_at"));
    inWindow(
      "closed_at",
      col(tables.tickets, "closed_at").map((v) => v.slice(0, 10)),
    );
    inWindow("churn_date", col(tables.churn, "churn_date"));
    inWindow("ground truth churn_date", col(tables.truth, "churn_date"));

    // Accounts that already existed when the history begins may have signed up up to a year earlier.
    const signup = new Map(tables.accounts.map((a) => [a.account_id, dayOf(a.signup_date as string)]));
    for (const a of tables.accounts) {
      expect(isValidDate(a.signup_date as string)).toBe(true);
      expect(dayOf(a.signup_date as string)).toBeGreaterThanOrEqual(dayOf(PRE_WINDOW_START));
      expect(dayOf(a.signup_date as string)).toBeLessThanOrEqual(end);
    }
    for (const s of tables.subscriptions) {
      const startDay = dayOf(s.start_date as string);
      expect(isValidDate(s.start_date as string)).toBe(true);
      expect(startDay).toBeGreaterThanOrEqual(signup.get(s.account_id) as number);
      expect(startDay).toBeLessThanOrEqual(end);
      if (s.end_date !== "") expect(dayOf(s.end_date as string)).toBeGreaterThanOrEqual(startDay);
    }
    // A meaningful share of accounts predate the window, but most sign up inside it.
    const pre = tables.accounts.filter((a) => dayOf(a.signup_date as string) < start).length;
    expect(pre / tables.accounts.length).toBeGreaterThan(0.05);
    expect(pre / tables.accounts.length).toBeLessThan(0.3);
  });

  it("keeps churn consistent across files", () => {
    const truth = new Map(tables.truth.map((g) => [g.account_id, g]));
    const events = new Map(tables.churn.map((c) => [c.account_id, c]));
    expect(events.size).toBe(tables.churn.length); // at most one event per account
    for (const a of tables.accounts) {
      const g = truth.get(a.account_id) as Row;
      expect(a.churn_flag).toBe(g.churned);
      if (g.churned === "True") {
        expect(events.get(a.account_id)?.churn_date).toBe(g.churn_date);
      } else {
        expect(events.has(a.account_id as string)).toBe(false);
        expect(g.churn_date).toBe("");
      }
    }
    const subAccount = new Map(tables.subscriptions.map((s) => [s.subscription_id, s.account_id as string]));
    for (const s of tables.subscriptions) {
      const g = truth.get(s.account_id) as Row;
      if (s.churn_flag === "True") expect(s.end_date).toBe(g.churn_date);
      // Churned accounts have nothing still running; retained ones keep at least one active subscription.
      if (g.churned === "True") expect(s.end_date).not.toBe("");
    }
    const active = new Set(tables.subscriptions.filter((s) => s.end_date === "").map((s) => s.account_id));
    for (const g of tables.truth) expect(active.has(g.account_id)).toBe(g.churned === "False");
    // No usage on or after the churn date.
    for (const u of tables.usage) {
      const g = truth.get(subAccount.get(u.subscription_id) as string) as Row;
      if (g.churned === "True") expect((u.usage_date as string) < (g.churn_date as string)).toBe(true);
    }
  });

  it("produces a realistic churn rate and propensities in [0, 1]", () => {
    const churned = tables.truth.filter((g) => g.churned === "True");
    const rate = churned.length / tables.truth.length;
    expect(rate).toBeGreaterThan(0.2);
    expect(rate).toBeLessThan(0.35);
    for (const g of tables.truth) {
      for (const name of ["churn_propensity", "expansion_propensity"]) {
        const p = Number(g[name]);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      }
    }
    const p = (rs: Row[]) => mean(rs.map((g) => Number(g.churn_propensity)));
    const retained = tables.truth.filter((g) => g.churned === "False");
    expect(p(churned) - p(retained)).toBeGreaterThan(0.1);
    // Some still-active accounts look risky, so a model has something to find at `end`.
    expect(retained.filter((g) => Number(g.churn_propensity) > 0.6).length).toBeGreaterThan(20);
  });

  it("makes churners' usage fade in their last 30 days, unlike retained accounts", () => {
    const truth = new Map(tables.truth.map((g) => [g.account_id, g]));
    const subAccount = new Map(tables.subscriptions.map((s) => [s.subscription_id, s.account_id as string]));
    const endPlusOne = dayOf(END) + 1;
    const refDay = (g: Row) => (g.churned === "True" ? dayOf(g.churn_date as string) : endPlusOne);
    const last = new Map<string, number>();
    const prior = new Map<string, number>();
    for (const u of tables.usage) {
      const id = subAccount.get(u.subscription_id) as string;
      const ref = refDay(truth.get(id) as Row);
      const d = dayOf(u.usage_date as string);
      const bucket = d >= ref - 30 ? last : d >= ref - 60 ? prior : null;
      bucket?.set(id, (bucket.get(id) ?? 0) + Number(u.usage_count));
    }
    // Only accounts observed for the full 60 days before their reference day.
    const firstSeen = dayOf(WINDOW_START);
    const totals = { True: { last: 0, prior: 0, n: 0 }, False: { last: 0, prior: 0, n: 0 } };
    for (const a of tables.accounts) {
      const g = truth.get(a.account_id) as Row;
      if (Math.max(dayOf(a.signup_date as string), firstSeen) > refDay(g) - 60) continue;
      const t = totals[g.churned as "True" | "False"];
      t.last += last.get(a.account_id as string) ?? 0;
      t.prior += prior.get(a.account_id as string) ?? 0;
      t.n++;
    }
    expect(totals.True.n).toBeGreaterThan(200);
    expect(totals.False.n).toBeGreaterThan(800);
    const churnedRatio = totals.True.last / totals.True.prior;
    const retainedRatio = totals.False.last / totals.False.prior;
    expect(churnedRatio).toBeLessThan(0.75);
    expect(retainedRatio).toBeGreaterThan(0.9);
    expect(retainedRatio - churnedRatio).toBeGreaterThan(0.25);
  });

  it("gives high-propensity accounts more tickets, errors and lower satisfaction", () => {
    const sorted = [...tables.truth].sort((a, b) => Number(a.churn_propensity) - Number(b.churn_propensity));
    const quarter = Math.floor(sorted.length / 4);
    const low = new Set(sorted.slice(0, quarter).map((g) => g.account_id));
    const high = new Set(sorted.slice(-quarter).map((g) => g.account_id));
    const ticketsIn = (group: Set<string | undefined>) =>
      tables.tickets.filter((t) => group.has(t.account_id));
    expect(ticketsIn(high).length).toBeGreaterThan(1.5 * ticketsIn(low).length);
    const satisfaction = (group: Set<string | undefined>) =>
      mean(
        ticketsIn(group)
          .filter((t) => t.satisfaction_score !== "")
          .map((t) => Number(t.satisfaction_score)),
      );
    expect(satisfaction(low) - satisfaction(high)).toBeGreaterThan(0.5);

    const subAccount = new Map(tables.subscriptions.map((s) => [s.subscription_id, s.account_id]));
    const errorRate = (group: Set<string | undefined>) => {
      let errors = 0;
      let uses = 0;
      for (const u of tables.usage) {
        if (!group.has(subAccount.get(u.subscription_id))) continue;
        errors += Number(u.error_count);
        uses += Number(u.usage_count);
      }
      return errors / uses;
    };
    expect(errorRate(high)).toBeGreaterThan(2 * errorRate(low));
  });

  it("rejects bad options", () => {
    expect(() => generateRavenstack({ customers: 5, seed: 1, end: "2024-02-30" })).toThrow(RangeError);
    expect(() => generateRavenstack({ customers: 5, seed: 1, end: "20240101" })).toThrow(RangeError);
    expect(() => generateRavenstack({ customers: -1, seed: 1, end: END })).toThrow(RangeError);
    expect(() => generateRavenstack({ customers: 5, seed: 1, end: END, months: 0 })).toThrow(RangeError);
  });
});

describe("writeDemo", () => {
  it("writes the six files with row counts", async () => {
    const dir = await mkdtemp(join(tmpdir(), "holdfast-demo-"));
    try {
      const opts = { customers: 50, seed: 3, end: END };
      const out = join(dir, "nested", "demo");
      const { files, counts } = await writeDemo(out, opts);
      const expected = generateRavenstack(opts);
      expect(files.map((f) => f.slice(out.length + 1)).sort()).toEqual(Object.values(DEMO_FILE_NAMES).sort());
      for (const key of Object.keys(DEMO_FILE_NAMES) as (keyof DemoFiles)[]) {
        const text = await readFile(join(out, DEMO_FILE_NAMES[key]), "utf8");
        expect(text).toBe(expected[key]);
        expect(counts[key]).toBe(text.split("\n").length - 2);
      }
      expect(counts.accounts).toBe(50);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
