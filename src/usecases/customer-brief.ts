import { planChecklist } from "../core/brief/checklist.ts";
import { draftOutreach } from "../core/brief/drafts.ts";
import { headlineSentence } from "../core/brief/headline.ts";
import type { WhySignal } from "../core/brief/why.ts";
import { DEFAULT_CONFIG, type HoldfastConfig, parseConfig } from "../core/config.ts";
import { type CustomerStatus, STATUS_LABELS } from "../core/customers/status.ts";
import { HoldfastError } from "../core/errors.ts";
import { levelLabel, reasonLabel } from "../core/report/book.ts";
import { deepMerge } from "../core/util/deep-merge.ts";
import { latestConfigVersion } from "../store/config-versions.ts";
import { getCustomer } from "../store/customers.ts";
import type { Db } from "../store/open-store.ts";
import { orgName } from "../store/org-name.ts";
import { checklistState, listOutcomes } from "../store/outcomes.ts";
import { accountTickets } from "../store/tickets.ts";
import { briefWhy } from "./brief-why.ts";
import { customerLifecycle, scoreViews } from "./customer-scores.ts";
import { headlineRef } from "./headline.ts";

async function requireCustomer(db: Db, orgId: number, id: string) {
  const c = await getCustomer(db, orgId, id);
  if (!c) throw new HoldfastError("not_found", `no customer ${JSON.stringify(id)} in this org`);
  return c;
}

/** The window aggregates early warning scored from (the stored row's detail; older rows kept them at the top). */
function earlyWarningInputs(stored: string | null): Record<string, unknown> {
  const parsed = JSON.parse(stored ?? "{}") as Record<string, unknown> & {
    detail?: Record<string, unknown> | null;
  };
  return parsed.detail ?? parsed;
}

/** The org's config when the caller has none at hand: its latest version over the defaults. */
export async function storedConfig(db: Db, orgId: number): Promise<HoldfastConfig> {
  const latest = await latestConfigVersion(db, orgId);
  if (!latest) return DEFAULT_CONFIG;
  return parseConfig(deepMerge(structuredClone(DEFAULT_CONFIG), JSON.parse(latest.config)), "org config");
}

/** Who signs outreach drafts: config outreach.senderName, else the org's Customer Success team. */
async function senderName(db: Db, orgId: number, config: HoldfastConfig): Promise<string> {
  const set = config.outreach.senderName.trim();
  if (set) return set;
  const name = await orgName(db, orgId);
  return name ? `The ${name} Customer Success team` : "The Customer Success team";
}

/**
 * Everything a CSM needs on one customer: its status (churn date, reason, lost ARR), one opening
 * sentence that agrees with every chip, why, what to do, drafts to send (a win-back draft once it
 * churned), what was done. `config` is the org's effective config (read from the store if left out).
 */
export async function customerBrief(db: Db, orgId: number, id: string, now: Date, config?: HoldfastConfig) {
  const c = await requireCustomer(db, orgId, id);
  const cfg = config ?? (await storedConfig(db, orgId));
  const headline = headlineRef(cfg);
  const scores = await scoreViews(db, orgId, id);
  const head = scores[headline.key];
  const status = (c.status ?? null) as CustomerStatus | null;
  const churned = status === "churned";
  // Reasons, actions and checklist from the headline score (win-back only once churned).
  const why = briefWhy(c, headline.key, (head?.signals ?? []) as WhySignal[], cfg);
  const { reasons, actions } = why;
  const start = (c.computed_at ?? now.toISOString()).slice(0, 10);
  const state = new Map((await checklistState(db, orgId, id)).map((s) => [s.step_id, s]));
  const checklist = planChecklist(why.checklistKinds, start).map((step) => {
    const s = state.get(step.id);
    return { ...step, done: s?.done === 1, done_by: s?.done_by ?? null, done_at: s?.done_at ?? null };
  });
  const headTop = head
    ? (head.signals as { text?: string; effect?: number }[])
        .filter((x) => typeof x.text === "string" && (x.effect ?? 0) !== 0)
        .map((x) => x.text as string)
    : [];
  const headScore = head?.score ?? null;
  const headLevel = head && head.level !== "unscored" ? head.level : null;
  const customer = {
    customer_id: c.id,
    account_id: c.account_id,
    account_name: c.account_name,
    plan_tier: c.plan_tier,
    arr: Number(c.arr),
    churned,
    // The headline risk; a churned customer has no risk level left to show (its status says it all).
    risk_score: churned ? null : headScore,
    risk_level: churned ? null : headLevel,
    top_reasons: churned ? [] : headTop.slice(0, 3),
    status,
    status_label: status ? STATUS_LABELS[status] : null,
    churn_date: c.churn_date ?? null,
    churn_reason: c.churn_reason ?? null,
    churn_reason_label: churned ? reasonLabel(c.churn_reason ?? null) : null,
    lost_arr: c.lost_arr === null || c.lost_arr === undefined ? null : Number(c.lost_arr),
    industry: c.industry,
    country: c.country,
    signup_date: c.signup_date,
    seats: c.seats === null ? null : Number(c.seats),
    is_trial: Number(c.is_trial) === 1,
  };
  const sentence = headlineSentence({
    status,
    churnDate: customer.churn_date,
    churnReason: customer.churn_reason,
    lostArr: customer.lost_arr,
    arr: customer.arr,
    scoreLabel: headline.label,
    score: headScore,
    level: headLevel,
    reasons:
      headTop.length > 0
        ? headTop
        : head
          ? (head.signals as { text?: string }[]).map((x) => x.text ?? "").filter(Boolean)
          : [],
  });
  return {
    headline: sentence,
    headline_risk: {
      key: headline.key,
      label: headline.label,
      score: churned ? null : headScore,
      level: churned ? null : headLevel,
      level_label: churned || headLevel === null ? null : levelLabel(headLevel),
    },
    customer,
    score:
      c.score === null && !head
        ? null
        : {
            kind: headline.key,
            // A churned customer's scores are as they stood at the churn, not a live risk.
            at_churn: churned,
            as_of: head?.as_of ?? c.as_of!,
            computed_at: head?.computed_at ?? c.computed_at!,
            reasons,
            top_reasons: reasons.slice(0, 3).map((r) => r.text),
            actions,
            signals: earlyWarningInputs(c.signals),
          },
    checklist,
    drafts: draftOutreach({
      accountName: c.account_name,
      customerId: c.id,
      planTier: c.plan_tier,
      arr: customer.arr,
      level: headLevel,
      score: headScore,
      reasons,
      actions,
      why: headTop,
      status,
      churnDate: customer.churn_date,
      senderName: await senderName(db, orgId, cfg),
    }),
    outcomes: await listOutcomes(db, orgId, id),
    scores,
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
