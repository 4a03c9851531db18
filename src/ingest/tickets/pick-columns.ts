/** Which CSV column feeds each ticket field, and why (shown to the user as a preview). */
export interface ColumnPick {
  id?: number;
  subject?: number;
  body?: number;
  /** The single text column used when there is no subject/body pair. */
  text?: number;
  submittedAt?: number;
  customerId?: number;
  accountId?: number;
  email?: number;
  tags?: number;
  queue?: number;
  priority?: number;
  language?: number;
}

const CANDIDATES: Record<Exclude<keyof ColumnPick, "text">, readonly string[]> = {
  id: ["ticket_id", "id", "ticket", "ticket_number", "case_id", "conversation_id"],
  subject: ["subject", "title", "summary"],
  body: ["body", "description", "message", "content", "text", "comment", "details"],
  submittedAt: ["submitted_at", "created_at", "created", "date", "timestamp", "opened_at"],
  customerId: ["customer_id", "subscription_id", "customer"],
  accountId: ["account_id", "account", "company_id", "organization_id", "org_id"],
  email: ["email", "requester_email", "from", "requester", "customer_email", "sender"],
  tags: ["tags", "tag", "labels"],
  queue: ["queue", "group", "team"],
  priority: ["priority", "urgency", "severity"],
  language: ["language", "lang", "locale"],
};

/** Single text columns, best first, when there is no subject and body. */
const TEXT_FALLBACK = [
  "text",
  "body",
  "description",
  "message",
  "content",
  "comment",
  "details",
  "issue",
  "ticket_text",
];

const norm = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

/**
 * Picks columns by name. Text: subject + body when both exist; else the best-named text column;
 * else the column whose sample values are longest on average (the "best text-like" column).
 */
export function pickColumns(
  header: readonly string[],
  sample: readonly string[][],
): { pick: ColumnPick; notes: string[] } {
  const names = header.map(norm);
  const used = new Set<number>();
  const find = (cands: readonly string[]) => {
    for (const c of cands) {
      const i = names.indexOf(c);
      if (i !== -1 && !used.has(i)) return i;
    }
    return undefined;
  };
  const pick: ColumnPick = {};
  const notes: string[] = [];
  for (const field of Object.keys(CANDIDATES) as (keyof typeof CANDIDATES)[]) {
    if (field === "body") continue;
    const i = find(CANDIDATES[field]);
    if (i !== undefined) {
      pick[field] = i;
      used.add(i);
    }
  }
  const body = find(CANDIDATES.body);
  if (pick.subject !== undefined && body !== undefined) {
    pick.body = body;
    used.add(body);
    notes.push(`text: subject (${header[pick.subject]}) + body (${header[body]})`);
  } else {
    const named = find(TEXT_FALLBACK);
    if (named !== undefined) {
      pick.text = named;
      notes.push(`text: ${header[named]} (a text column by name)`);
    } else {
      let best: number | undefined;
      let bestLen = 0;
      header.forEach((_, i) => {
        if (used.has(i)) return;
        const avg = sample.reduce((a, r) => a + (r[i]?.length ?? 0), 0) / Math.max(1, sample.length);
        if (avg > bestLen) {
          bestLen = avg;
          best = i;
        }
      });
      if (best !== undefined && bestLen >= 10) {
        pick.text = best;
        notes.push(`text: ${header[best]} (longest values, ${Math.round(bestLen)} characters on average)`);
      }
    }
    if (pick.subject !== undefined && pick.text !== undefined && pick.text !== pick.subject) {
      notes.push(`subject: ${header[pick.subject]} (prefixed to the text)`);
    }
  }
  for (const [field, label] of [
    ["id", "id"],
    ["submittedAt", "submitted at"],
    ["customerId", "customer id"],
    ["accountId", "account id"],
    ["email", "requester email"],
  ] as const) {
    const i = pick[field];
    notes.push(i === undefined ? `${label}: none` : `${label}: ${header[i]}`);
  }
  return { pick, notes };
}
