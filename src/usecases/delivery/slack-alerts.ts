import type { DeliveryConfig } from "../../core/delivery/config.ts";
import type { NewOutboxRow } from "../../store/plays/outbox.ts";

export type SlackAlertKind = "csm_task" | "approval" | "critical_tier";

const SWITCH: Record<SlackAlertKind, keyof DeliveryConfig["slack"]["alerts"]> = {
  csm_task: "csmTasks",
  approval: "approvals",
  critical_tier: "criticalTier",
};

/** True when Slack has somewhere to post and this kind of alert is switched on. */
export function slackAlertOn(d: DeliveryConfig, kind: SlackAlertKind): boolean {
  const anyUrl = d.slack.webhookUrl !== "" || Object.keys(d.slack.ownerWebhookUrls).length > 0;
  return anyUrl && d.slack.alerts[SWITCH[kind]];
}

/** One Slack alert as an outbox row, keyed `slack:<kind>:<ref>` (written once per ref). */
export const slackAlertRow = (
  kind: SlackAlertKind,
  ref: string,
  customerId: string,
  tactic: string,
  reason: string,
  at: string,
): NewOutboxRow => ({
  idempotency_key: `slack:${kind}:${ref}`,
  customer_id: customerId,
  tactic,
  run_id: ref,
  step_id: kind,
  channel: "slack",
  payload: JSON.stringify({ alert: kind, reason, at }),
  status: "pending",
  created_at: at,
});
