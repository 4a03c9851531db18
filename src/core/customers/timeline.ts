// One customer's timeline in words (pure): score crossings and level changes, lifecycle
// transitions, tickets, NPS answers, outcomes, checklist ticks and imports, newest first, paged
// by a keyset cursor (time, then entry key).

export const TIMELINE_KINDS = [
  "score_change",
  "level_change",
  "lifecycle",
  "ticket",
  "nps",
  "outcome",
  "checklist",
  "import",
  "profile",
  "play",
  "message",
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  /** ISO-8601 time (a day's facts at midnight UTC). */
  at: string;
  kind: TimelineKind;
  title: string;
  detail: string;
  /**
   * Stable and unique within the customer's timeline (`<kind>:<source id>`, e.g. `ticket:T-12`):
   * the entry's id in the API, and the cursor's tie-breaker.
   */
  key: string;
}

const KIND_WORDS: Record<string, string> = {
  early_warning: "Early warning",
  churn_risk: "Churn risk",
  health: "Health",
  engagement: "Engagement",
  lifecycle_stage: "Lifecycle stage",
  nps: "NPS",
  upgrade_readiness: "Upgrade readiness",
  trial_engagement: "Trial engagement",
  conversion_readiness: "Conversion readiness",
  annual_readiness: "Annual readiness",
  usage_limits: "Usage limits",
  usage_trend: "Usage trend",
};

/** Words for a key: "at_risk" -> "at risk". */
export const words = (key: string): string => key.replace(/[_.]+/g, " ").trim();
const capital = (s: string) => (s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1));
const kindWords = (kind: string) => KIND_WORDS[kind] ?? capital(words(kind));
const scoreText = (s: number | null) => (s === null ? "unscored" : String(Math.round(s)));
const plural = (n: number, one: string) => `${n.toLocaleString("en-US")} ${one}${n === 1 ? "" : "s"}`;

/** A stored time or day as ISO-8601 (days at midnight UTC; unparseable text as it is). */
export function isoTime(s: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return `${s}T00:00:00.000Z`;
  const t = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? s : `${s.replace(" ", "T")}Z`);
  return Number.isNaN(t) ? s : new Date(t).toISOString();
}

/** "churn_risk>=75" in words. */
function crossedWords(crossed: string): string {
  const m = /^([a-z_]+)\s*(>=|<=|>|<)\s*(-?[\d.]+)$/.exec(crossed);
  if (!m) return words(crossed);
  const dir = m[2]!.startsWith(">") ? "reached" : "fell to";
  return `${kindWords(m[1]!)} ${dir} ${m[3]}`;
}

export interface TimelineFactsIn {
  changes: readonly {
    id: number;
    kind: string;
    old_score: number | null;
    new_score: number | null;
    old_level: string | null;
    new_level: string;
    crossed: string | null;
    cause: string;
    at: string;
  }[];
  /** Daily rows of a few kinds, by kind then day ascending. */
  history: readonly { kind: string; day: string; score: number | null; level: string }[];
  transitions: readonly { day: string; from_stage: string | null; to_stage: string; reason: string }[];
  tickets: readonly {
    id: string;
    submitted_at: string;
    subject: string | null;
    priority: string | null;
    escalated: number;
  }[];
  nps: readonly { respondent: string; day: string; score: number; comment: string | null }[];
  outcomes: readonly { id: number; outcome: string; notes: string; author: string; created_at: string }[];
  audit: readonly {
    id: number;
    at: string;
    actor: string;
    action: string;
    subject: string | null;
    detail: string | null;
  }[];
}

const IMPORT_TITLES: Record<string, string> = {
  "import.ravenstack": "RavenStack data imported",
  "import.events_workspace": "Events workspace loaded",
  "demo.workspace": "Demo workspace loaded",
};

function parseDetail(s: string | null): Record<string, unknown> {
  if (s === null) return {};
  try {
    const v: unknown = JSON.parse(s);
    return typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Every entry of a customer's timeline, newest first. */
export function buildTimeline(f: TimelineFactsIn): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const recorded = new Set<string>();
  for (const c of f.changes) {
    const day = isoTime(c.at).slice(0, 10);
    recorded.add(`${c.kind}|${day}|${c.new_level}`);
    const name = kindWords(c.kind);
    const title = c.crossed
      ? crossedWords(c.crossed)
      : c.old_level === null
        ? `${name} first scored: ${words(c.new_level)}`
        : `${name} went from ${words(c.old_level)} to ${words(c.new_level)}`;
    out.push({
      at: isoTime(c.at),
      kind: "score_change",
      title,
      detail: `${name} ${scoreText(c.old_score)} to ${scoreText(c.new_score)}, recomputed after ${words(c.cause)}`,
      key: `score_change:${String(c.id).padStart(12, "0")}`,
    });
  }
  for (let i = 1; i < f.history.length; i++) {
    const prev = f.history[i - 1]!;
    const cur = f.history[i]!;
    if (prev.kind !== cur.kind || prev.level === cur.level) continue;
    if (recorded.has(`${cur.kind}|${cur.day}|${cur.level}`)) continue; // already a score change
    const name = kindWords(cur.kind);
    out.push({
      at: isoTime(cur.day),
      kind: "level_change",
      title: `${name} went from ${words(prev.level)} to ${words(cur.level)}`,
      detail: `${name} ${scoreText(prev.score)} on ${prev.day}, ${scoreText(cur.score)} on ${cur.day}`,
      key: `level_change:${cur.kind}:${cur.day}`,
    });
  }
  for (const t of f.transitions) {
    out.push({
      at: isoTime(t.day),
      kind: "lifecycle",
      title:
        t.from_stage === null
          ? `Lifecycle stage: ${words(t.to_stage)}`
          : `Lifecycle stage went from ${words(t.from_stage)} to ${words(t.to_stage)}`,
      detail: t.reason,
      key: `lifecycle:${t.day}:${t.to_stage}`,
    });
  }
  for (const t of f.tickets) {
    const parts = [t.priority ? `${capital(words(t.priority))} priority` : "No priority given"];
    if (t.escalated === 1) parts.push("escalated");
    out.push({
      at: isoTime(t.submitted_at),
      kind: "ticket",
      title: `Ticket submitted: ${t.subject?.trim() || "(no subject)"}`,
      detail: parts.join(", "),
      key: `ticket:${t.id}`,
    });
  }
  for (const n of f.nps) {
    const group = n.score >= 9 ? "promoter" : n.score <= 6 ? "detractor" : "passive";
    out.push({
      at: isoTime(n.day),
      kind: "nps",
      title: `NPS answer: ${n.score} out of 10 (${group})`,
      detail: n.comment?.trim()
        ? `${n.respondent}: "${n.comment.trim()}"`
        : `From ${n.respondent}, no comment`,
      key: `nps:${n.respondent}:${n.day}`,
    });
  }
  for (const o of f.outcomes) {
    out.push({
      at: isoTime(o.created_at),
      kind: "outcome",
      title: `Outcome logged: ${words(o.outcome)}`,
      detail: o.notes.trim() ? `${o.author}: ${o.notes.trim()}` : `By ${o.author}`,
      key: `outcome:${String(o.id).padStart(12, "0")}`,
    });
  }
  for (const a of f.audit) {
    const d = parseDetail(a.detail);
    const auditId = String(a.id).padStart(12, "0");
    if (a.action === "checklist.done" || a.action === "checklist.undone") {
      const key = `checklist:${auditId}`;
      const step = typeof d.step === "string" ? words(d.step) : "a step";
      out.push({
        at: isoTime(a.at),
        kind: "checklist",
        title:
          a.action === "checklist.done" ? `Checklist step done: ${step}` : `Checklist step reopened: ${step}`,
        detail: `By ${a.actor}`,
        key,
      });
    } else if (a.action === "customer.create" || a.action === "customer.update") {
      const key = `profile:${auditId}`;
      const fields = Array.isArray(d.fields) ? d.fields.map((x) => words(String(x))).join(", ") : "";
      out.push({
        at: isoTime(a.at),
        kind: "profile",
        title: a.action === "customer.create" ? "Customer created" : "Customer updated",
        detail: fields ? `By ${a.actor}: ${fields}` : `By ${a.actor}`,
        key,
      });
    } else if (a.action in IMPORT_TITLES) {
      const key = `import:${auditId}`;
      const n = typeof d.customers === "number" ? d.customers : null;
      out.push({
        at: isoTime(a.at),
        kind: "import",
        title: IMPORT_TITLES[a.action]!,
        detail: `By ${a.actor}${n === null ? "" : `, ${plural(n, "customer")} in the import`}`,
        key,
      });
    }
  }
  return out.sort(newestFirst);
}

function newestFirst(a: TimelineEntry, b: TimelineEntry): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  return a.key < b.key ? 1 : a.key > b.key ? -1 : 0;
}

/** The opaque cursor after an entry. */
export function timelineCursor(e: TimelineEntry): string {
  return Buffer.from(JSON.stringify([e.at, e.key])).toString("base64url");
}

/** The (at, key) a cursor points after, or null when it is not one of ours. */
export function parseTimelineCursor(cursor: string): { at: string; key: string } | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && typeof v[1] === "string")
      return { at: v[0], key: v[1] };
  } catch {
    // not a cursor
  }
  return null;
}

/** One page after the cursor (entries strictly older in (at, key) order). */
export function timelinePage(
  entries: readonly TimelineEntry[],
  limit: number,
  after: { at: string; key: string } | null,
): { items: TimelineEntry[]; next: string | null } {
  const rest = after
    ? entries.filter((e) => e.at < after.at || (e.at === after.at && e.key < after.key))
    : entries;
  const items = rest.slice(0, limit);
  const next = rest.length > limit ? timelineCursor(items[items.length - 1]!) : null;
  return { items, next };
}
