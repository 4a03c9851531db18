import { isoTime, type TimelineEntry, words } from "../customers/timeline.ts";
import { TACTICS } from "./catalog/index.ts";

/**
 * The plays engine on a customer's timeline (pure): each run started and ended, and each effect
 * it queued (a message, an in-app experience, a CSM task, a deal), in words.
 */

export interface PlayTimelineFactsIn {
  runs: readonly {
    tactic: string;
    run_id: string;
    started_at: string;
    ended_at: string | null;
    exit_cause: string | null;
    exit_detail: string | null;
  }[];
  outbox: readonly {
    id: number;
    tactic: string;
    run_id: string;
    step_id: string;
    channel: string;
    status: string;
    payload: string;
    created_at: string;
  }[];
}

const CHANNELS: Record<string, string> = {
  in_app: "In-app message",
  email: "Email",
  sms: "SMS",
  csm_task: "CSM task",
  slack: "Slack alert",
  webhook: "Webhook",
  deal: "Deal",
  insight: "Insight",
};

const STATUS: Record<string, string> = {
  pending: "queued",
  held: "held for approval",
  delivered: "created",
  cancelled: "cancelled",
};

const EXITS: Record<string, string> = {
  converted: "converted",
  declined: "declined",
  window_ended: "its window ended",
  collided: "another play took over",
  churned: "the customer churned",
};

const tacticName = (slug: string) => TACTICS.get(slug)?.name ?? words(slug);
const stepWords = (code: string) => words(code.replace(/-/g, "_"));

function action(payload: string, fallback: string): string {
  try {
    const v: unknown = JSON.parse(payload);
    if (typeof v === "object" && v !== null && typeof (v as { action?: unknown }).action === "string")
      return (v as { action: string }).action;
  } catch {
    // not JSON: the step id says it
  }
  return fallback;
}

export function buildPlayTimeline(f: PlayTimelineFactsIn): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const r of f.runs) {
    const name = tacticName(r.tactic);
    const source = TACTICS.get(r.tactic)?.source;
    out.push({
      at: isoTime(r.started_at),
      kind: "play",
      title: `Play started: ${name}`,
      detail: `Started by the plays engine${source ? ` (${source})` : ""}`,
      key: `play:${r.tactic}:${r.run_id}:start`,
    });
    if (r.ended_at) {
      const why = r.exit_cause ? (EXITS[r.exit_cause] ?? words(r.exit_cause)) : "it ended";
      out.push({
        at: isoTime(r.ended_at),
        kind: "play",
        title: `Play ended: ${name} (${why})`,
        detail: r.exit_detail?.trim() || "Ended by the plays engine",
        key: `play:${r.tactic}:${r.run_id}:end`,
      });
    }
  }
  for (const o of f.outbox) {
    const channel = CHANNELS[o.channel] ?? words(o.channel);
    out.push({
      at: isoTime(o.created_at),
      kind: "message",
      title: `${channel} ${STATUS[o.status] ?? words(o.status)}: ${tacticName(o.tactic)}`,
      detail: `Step ${stepWords(o.step_id)}: ${stepWords(action(o.payload, o.step_id))}`,
      key: `message:${String(o.id).padStart(12, "0")}`,
    });
  }
  return out;
}

/** Two timelines merged newest first (time, then entry key, as the customer timeline orders). */
export function mergeNewestFirst(a: readonly TimelineEntry[], b: readonly TimelineEntry[]): TimelineEntry[] {
  return [...a, ...b].sort((x, y) => {
    if (x.at !== y.at) return x.at < y.at ? 1 : -1;
    return x.key < y.key ? 1 : x.key > y.key ? -1 : 0;
  });
}
