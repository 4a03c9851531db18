import { isoTime, type TimelineEntry, words } from "../customers/timeline.ts";

/**
 * Delivery on a customer's timeline (pure): each finished attempt to deliver one of the
 * customer's messages — sent, failed (will retry), or dead (gave up) — in words.
 */

export interface DeliveryTimelineFact {
  outbox_id: number;
  attempt: number;
  at: string;
  status: string;
  code: string | null;
  error: string | null;
  channel: string;
  tactic: string;
  step_id: string;
  /** The row's status now (dead marks its last failed attempt). */
  row_status: string;
  row_attempts: number;
}

const CHANNELS: Record<string, string> = {
  email: "Email",
  sms: "SMS",
  slack: "Slack alert",
  webhook: "Webhook",
};

export function buildDeliveryTimeline(facts: readonly DeliveryTimelineFact[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const f of facts) {
    if (f.status === "started") continue;
    const what = `${CHANNELS[f.channel] ?? words(f.channel)}${f.tactic ? ` (${words(f.tactic)}, ${words(f.step_id)})` : ` (${words(f.step_id)})`}`;
    const last = f.attempt === f.row_attempts;
    const title =
      f.status === "ok"
        ? `Message sent: ${what}`
        : last && f.row_status === "dead"
          ? `Message dead: ${what}`
          : `Message failed: ${what}`;
    const detail =
      f.status === "ok"
        ? `Attempt ${f.attempt}${f.code ? `, answer ${f.code}` : ""}`
        : `Attempt ${f.attempt}: ${f.error ?? "failed"}${last && f.row_status === "dead" ? " — gave up; redeliver from the Outbox page" : ""}`;
    out.push({
      at: isoTime(f.at),
      kind: "message",
      title,
      detail,
      key: `delivery:${f.outbox_id}:${f.attempt}`,
    });
  }
  return out;
}
