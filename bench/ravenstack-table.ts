import { readRecords } from "../src/ingest/csv/read-records.ts";

/**
 * A second labeled churn table (one row per RavenStack account, label churn_flag) to check that
 * the learners' defaults are not tuned to Telco: account attributes plus per-account aggregates of
 * subscriptions (label-free fields only), feature usage and support tickets.
 */
export async function ravenstackTable(dir: string): Promise<string> {
  const accounts = await readRecords(`${dir}/ravenstack_accounts.csv`);
  const subs = await readRecords(`${dir}/ravenstack_subscriptions.csv`);
  const usage = await readRecords(`${dir}/ravenstack_feature_usage.csv`);
  const tickets = await readRecords(`${dir}/ravenstack_support_tickets.csv`);
  const subAccount = new Map(subs.map((s) => [s.subscription_id!, s.account_id!]));
  type Agg = Record<string, number>;
  const agg = new Map<string, Agg>();
  const get = (a: string): Agg => {
    let x = agg.get(a);
    if (!x) {
      x = {
        subs: 0,
        mrr: 0,
        upgrades: 0,
        downgrades: 0,
        autoRenew: 0,
        annual: 0,
        uses: 0,
        useSecs: 0,
        errors: 0,
        beta: 0,
        tickets: 0,
        sat: 0,
        satN: 0,
        escal: 0,
        resHours: 0,
        firstResp: 0,
        urgent: 0,
      };
      agg.set(a, x);
    }
    return x;
  };
  for (const s of subs) {
    const x = get(s.account_id!);
    x.subs!++;
    x.mrr! += Number(s.mrr_amount);
    x.upgrades! += s.upgrade_flag === "True" ? 1 : 0;
    x.downgrades! += s.downgrade_flag === "True" ? 1 : 0;
    x.autoRenew! += s.auto_renew_flag === "True" ? 1 : 0;
    x.annual! += s.billing_frequency === "annual" ? 1 : 0;
  }
  for (const u of usage) {
    const a = subAccount.get(u.subscription_id!);
    if (!a) continue;
    const x = get(a);
    x.uses! += Number(u.usage_count);
    x.useSecs! += Number(u.usage_duration_secs);
    x.errors! += Number(u.error_count);
    x.beta! += u.is_beta_feature === "True" ? 1 : 0;
  }
  for (const t of tickets) {
    const x = get(t.account_id!);
    x.tickets!++;
    if (t.satisfaction_score !== "") {
      x.sat! += Number(t.satisfaction_score);
      x.satN!++;
    }
    x.escal! += t.escalation_flag === "True" ? 1 : 0;
    x.resHours! += Number(t.resolution_time_hours || 0);
    x.firstResp! += Number(t.first_response_time_minutes || 0);
    x.urgent! += t.priority === "urgent" || t.priority === "high" ? 1 : 0;
  }
  const head =
    "account_id,industry,country,referral_source,plan_tier,seats,is_trial,signup_days,subscriptions,mean_mrr,upgrades,downgrades,auto_renew_share,annual_share,uses,use_hours,errors,beta_uses,tickets,mean_satisfaction,escalations,mean_resolution_hours,mean_first_response_min,urgent_tickets,churn_flag";
  const lines = [head];
  const epoch = Date.parse("2023-01-01");
  for (const a of accounts) {
    const x = get(a.account_id!);
    const per = (v: number, n: number) => (n > 0 ? (v / n).toFixed(4) : "");
    lines.push(
      [
        a.account_id,
        a.industry,
        a.country,
        a.referral_source,
        a.plan_tier,
        a.seats,
        a.is_trial,
        Math.round((Date.parse(a.signup_date!) - epoch) / 86_400_000),
        x.subs,
        per(x.mrr!, x.subs!),
        x.upgrades,
        x.downgrades,
        per(x.autoRenew!, x.subs!),
        per(x.annual!, x.subs!),
        x.uses,
        (x.useSecs! / 3600).toFixed(2),
        x.errors,
        x.beta,
        x.tickets,
        per(x.sat!, x.satN!),
        x.escal,
        per(x.resHours!, x.tickets!),
        per(x.firstResp!, x.tickets!),
        x.urgent,
        a.churn_flag,
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}
