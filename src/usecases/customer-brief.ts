import { planChecklist } from "../core/brief/checklist.ts";
import { draftOutreach } from "../core/brief/drafts.ts";
import { HoldfastError } from "../core/errors.ts";
import { getCustomer } from "../store/customers.ts";
import type { Db } from "../store/open-store.ts";
import { checklistState, listOutcomes } from "../store/outcomes.ts";
import { accountTickets } from "../store/tickets.ts";
import { customerLifecycle, scoreViews } from "./customer-scores.ts";

async function requireCustomer(db: Db, orgId: number, id: string) {
  const c = await getCustomer(db, orgId, id);
  if (!c) throw new HoldfastError("not_found", `no customer ${JSON.stringify(id)} in this org`);
  return c;
}

type Reason = { rule: string; kind: string; points: number; text: string };

/** The window aggregates early warning scored from (the stored row's detail; older rows kept them at the top). */
function earlyWarningInputs(stored: string | null): Record<string, unknown> {
  const parsed = JSON.parse(stored ?? "{}") as Record<string, unknown> & {
    detail?: Record<string, unknown> | null;
  };
  return parsed.detail ?? parsed;
}

/** Everything a CSM needs on one customer: why, what to do, drafts to send, what was done. */
export async function customerBrief(db: Db, orgId: number, id: string, now: Date) {
  const c = await requireCustomer(db, orgId, id);
  const reasons: Reason[] = c.reasons ? JSON.parse(c.reasons) : [];
  const actions: string[] = c.actions ? JSON.parse(c.actions) : [];
  const start = (c.computed_at ?? now.toISOString()).slice(0, 10);
  const state = new Map((await checklistState(db, orgId, id)).map((s) => [s.step_id, s]));
  const checklist = planChecklist(
    reasons.map((r) => r.kind),
    start,
  ).map((step) => {
    const s = state.get(step.id);
    return { ...step, done: s?.done === 1, done_by: s?.done_by ?? null, done_at: s?.done_at ?? null };
  });
  const customer = {
    customer_id: c.id,
    account_id: c.account_id,
    account_name: c.account_name,
    plan_tier: c.plan_tier,
    arr: Number(c.arr),
    churned: Number(c.churned) === 1 || (c.churned as unknown) === true,
    risk_score: c.score === null ? null : Number(c.score),
    risk_level: c.level as "High" | "Medium" | "Low" | null,
    top_reasons: c.top_reasons ? (JSON.parse(c.top_reasons) as string[]) : [],
    industry: c.industry,
    country: c.country,
    signup_date: c.signup_date,
    seats: c.seats === null ? null : Number(c.seats),
    is_trial: Number(c.is_trial) === 1,
  };
  return {
    customer,
    score:
      c.score === null
        ? null
        : {
            as_of: c.as_of!,
            computed_at: c.computed_at!,
            reasons,
            top_reasons: customer.top_reasons,
            actions,
            signals: earlyWarningInputs(c.signals),
          },
    checklist,
    drafts: draftOutreach({
      accountName: c.account_name,
      customerId: c.id,
      planTier: c.plan_tier,
      arr: customer.arr,
      level: c.level,
      score: customer.risk_score,
      reasons,
      actions,
    }),
    outcomes: await listOutcomes(db, orgId, id),
    scores: await scoreViews(db, orgId, id),
    lifecycle_history: await customerLifecycle(db, orgId, id),
    tickets: (await accountTickets(db, orgId, c.account_id, 10)).map((t) => ({
      id: t.id,
      submitted_at: t.submitted_at,
      subject: t.subject,
      summary: t.summary,
      category: t.category,
      sentiment: t.sentiment,
      churn_intent: t.churn_intent === null ? null : Number(t.churn_intent) === 1,
    })),
  };
}
