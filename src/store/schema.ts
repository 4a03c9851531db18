import type { Generated } from "kysely";

/**
 * Table types. Portable across SQLite and PostgreSQL: booleans are 0/1 integers, days are
 * 'YYYY-MM-DD' text, timestamps ISO-8601 text, JSON is text. Every table is keyed by org_id first.
 */
export interface OrgTable {
  id: Generated<number>;
  slug: string;
  name: string;
  created_at: string;
}

export interface AccountTable {
  org_id: number;
  id: string;
  name: string;
  industry: string | null;
  country: string | null;
  signup_date: string | null;
  referral_source: string | null;
  plan_tier: string | null;
  seats: number | null;
  is_trial: number;
  churn_flag: number;
}

/** The scoring unit: a subscription (grain "subscription") or an account (grain "account"). */
export interface CustomerTable {
  org_id: number;
  id: string;
  /** Position in the source it was first imported from; breaks ties in ranked lists. */
  ordinal: number;
  account_id: string;
  account_name: string | null;
  industry: string | null;
  country: string | null;
  segment: string | null;
  owner: string | null;
  signup_date: string | null;
  plan_tier: string | null;
  seats: number | null;
  is_trial: number;
  arr: number;
  mrr: number;
  billing_email: string | null;
  timezone: string | null;
  traits: string | null;
  /** JSON {email, sms, in_app}: channel consents; null = never stated. */
  consents: string | null;
  billing_name: string | null;
  /** Display name for customers created by API (imports use account_name). */
  name: string | null;
  /** active, trialing, paused, past_due or churned (core/customers/status.ts); null before the first refresh. */
  status: string | null;
  churn_date: string | null;
  churn_reason: string | null;
  /** The ARR the customer had when it churned. */
  lost_arr: number | null;
}

export interface SubscriptionTable {
  org_id: number;
  id: string;
  customer_id: string;
  account_id: string;
  plan_tier: string;
  start_date: string;
  end_date: string | null;
  seats: number;
  mrr: number;
  arr: number;
  is_trial: number;
  upgrade_flag: number;
  downgrade_flag: number;
  churn_flag: number;
  billing_frequency: string | null;
  auto_renew: number;
  /** trialing, active, past_due, paused, canceled; null for imports that do not say. */
  status: string | null;
  trial_end: string | null;
  paused_on: string | null;
}

export interface PlanTable {
  org_id: number;
  tier: string;
  /** Order in the catalog (1 = entry tier), so "next tier" is rank + 1. */
  rank: number;
  is_public: number;
  limits: string | null;
  price_monthly: number | null;
}

export interface UsageDailyTable {
  org_id: number;
  day: string;
  customer_id: string;
  feature: string;
  uses: number;
  duration_secs: number;
  errors: number;
}

export interface TicketTable {
  org_id: number;
  id: string;
  /** Null for a ticket no key linked to a customer ("unlinked"); never guessed. */
  account_id: string | null;
  customer_id: string | null;
  submitted_at: string;
  closed_at: string | null;
  resolution_hours: number | null;
  priority: string | null;
  first_response_min: number | null;
  satisfaction: number | null;
  escalated: number;
  subject: string | null;
  body: string | null;
  tags: string | null;
  queue: string | null;
  language: string | null;
  requester_email: string | null;
  /** How the ticket was tied to its customer: customer_id, account_id, email_domain, or null. */
  linked_by: string | null;
}

/** The latest analysis of a ticket by one analyzer (rules or an LLM). */
export interface TicketAnalysisTable {
  org_id: number;
  ticket_id: string;
  analyzer: string;
  version: string;
  summary: string | null;
  category: string | null;
  sentiment: string | null;
  churn_intent: number | null;
  recommended_action: string | null;
  error: string | null;
  analyzed_at: string;
}

/** Successful analyses by key = hash(text, analyzer, version), so re-runs skip known text. */
export interface AnalysisCacheTable {
  org_id: number;
  key: string;
  result: string;
  created_at: string;
}

export interface ChurnEventTable {
  org_id: number;
  id: string;
  account_id: string;
  churn_date: string;
  reason_code: string | null;
  refund_usd: number | null;
  preceding_upgrade: number;
  preceding_downgrade: number;
  is_reactivation: number;
  feedback: string | null;
}

/** Current score per customer and kind. */
export interface ScoreTable {
  org_id: number;
  kind: string;
  customer_id: string;
  as_of: string;
  /** Null when the customer is unscored (too little data for this kind). */
  score: number | null;
  level: string;
  /** JSON: every reason that fired, with rule, kind, points and text. */
  reasons: string;
  top_reasons: string;
  actions: string;
  /** JSON: the input signals the score was computed from. */
  signals: string;
  /** The org's config version the score was computed with (0: the file defaults). */
  config_version: number;
  computed_at: string;
  /** Comma-wrapped reason kinds that fired (",usage,trial,"), for driver counts without parsing JSON. */
  reason_kinds: string;
  arr: number;
}

/** One row per customer, kind and day. */
export interface ScoreHistoryTable {
  org_id: number;
  kind: string;
  customer_id: string;
  day: string;
  score: number | null;
  level: string;
  reasons: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  org_id: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  detail: string | null;
}

export interface ImportTable {
  id: Generated<number>;
  org_id: number;
  kind: string;
  source: string;
  grain: string | null;
  status: string;
  started_at: string;
  finished_at: string | null;
  /** JSON: rows read and rows new or changed, per table. */
  counts: string | null;
  /** JSON: the first errors, when refused. */
  errors: string | null;
  error_count: number;
}

export interface ApiKeyTable {
  id: Generated<number>;
  org_id: number;
  name: string;
  role: string;
  /** The key's first characters, to tell keys apart in lists; the key itself is never stored. */
  prefix: string;
  /** SHA-256 of the whole key. */
  hash: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  /** Who created the key (e.g. `cli`, `key:ops`); null for keys made before migration 008. */
  created_by: string | null;
  /** The last authenticated use, updated at most once a minute. */
  last_used_at: string | null;
}

export interface OutcomeTable {
  id: Generated<number>;
  org_id: number;
  customer_id: string;
  outcome: string;
  notes: string;
  author: string;
  created_at: string;
}

export interface ChecklistStateTable {
  org_id: number;
  customer_id: string;
  step_id: string;
  done: number;
  done_by: string | null;
  done_at: string | null;
}

export interface ReportSnapshotTable {
  org_id: number;
  name: string;
  computed_at: string;
  body: string;
}

/** A raw event as received (kept for replay). */
export interface EventTable {
  org_id: number;
  id: string;
  customer_id: string;
  type: string;
  ts: string;
  /** JSON. */
  properties: string;
  received_at: string;
}

/** Daily rollup cell (vocabulary in src/core/events/metrics.ts). */
export interface MetricDailyTable {
  org_id: number;
  customer_id: string;
  day: string;
  metric: string;
  key: string;
  value: number;
}

export interface NpsResponseTable {
  org_id: number;
  customer_id: string;
  respondent: string;
  day: string;
  score: number;
  comment: string | null;
}

export interface LifecycleTransitionTable {
  org_id: number;
  customer_id: string;
  day: string;
  from_stage: string | null;
  to_stage: string;
  reason: string;
}

/** Customers waiting for an out-of-schedule recompute (usage drop, lifecycle change, API call). */
export interface RecomputeRequestTable {
  org_id: number;
  customer_id: string;
  reason: string;
  requested_at: string;
}

/** A unit of background work, claimed under a lease by one worker at a time. */
export interface JobTable {
  id: Generated<number>;
  org_id: number;
  kind: string;
  /** JSON */
  payload: string;
  status: string;
  run_at: string;
  priority: number;
  attempts: number;
  max_attempts: number;
  lease_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  idempotency_key: string | null;
  /** JSON, written by the job while it runs */
  progress: string | null;
  /** JSON, the handler's answer */
  result: string | null;
  cancel_requested: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** One version of an org's effective config (the whole config, and the diff against the previous). */
export interface ConfigVersionTable {
  org_id: number;
  version: number;
  config: string;
  diff: string;
  author: string;
  reason: string;
  reverted_to: number | null;
  at: string;
}

/** A score move worth telling consumers about: a first score, a new level, a threshold crossed. */
export interface ScoreChangeTable {
  org_id: number;
  /** Counts per org, given out in commit order (see score_change_seq). */
  id: number;
  customer_id: string;
  kind: string;
  old_score: number | null;
  new_score: number | null;
  /** Null on a first score. */
  old_level: string | null;
  new_level: string;
  /** The configured threshold crossed, e.g. "churn_risk>=75"; null when only the level changed. */
  crossed: string | null;
  /** Why the scores were recomputed (import, events, daily, config, ...). */
  cause: string;
  config_version: number;
  at: string;
}

/** The last score change id given out per org. */
export interface ScoreChangeSeqTable {
  org_id: number;
  last_id: number;
}

/** How far each consumer has read an org's score changes. */
export interface ChangeCursorTable {
  org_id: number;
  consumer: string;
  last_id: number;
}

export interface Database {
  jobs: JobTable;
  config_versions: ConfigVersionTable;
  events: EventTable;
  metrics_daily: MetricDailyTable;
  nps_responses: NpsResponseTable;
  lifecycle_transitions: LifecycleTransitionTable;
  recompute_requests: RecomputeRequestTable;
  ticket_analyses: TicketAnalysisTable;
  analysis_cache: AnalysisCacheTable;
  report_snapshots: ReportSnapshotTable;
  api_keys: ApiKeyTable;
  outcomes: OutcomeTable;
  checklist_state: ChecklistStateTable;
  orgs: OrgTable;
  accounts: AccountTable;
  customers: CustomerTable;
  subscriptions: SubscriptionTable;
  plans: PlanTable;
  usage_daily: UsageDailyTable;
  tickets: TicketTable;
  churn_events: ChurnEventTable;
  scores: ScoreTable;
  score_changes: ScoreChangeTable;
  score_change_seq: ScoreChangeSeqTable;
  change_cursors: ChangeCursorTable;
  score_history: ScoreHistoryTable;
  audit_log: AuditLogTable;
  imports: ImportTable;
}
