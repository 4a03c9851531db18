/**
 * Slack alerts as Block Kit (docs/delivery.md): a header, the customer's facts, the reason, and
 * a button to the customer's brief in the dashboard. Pure.
 */

export interface SlackAlertFacts {
  /** csm_task, approval, critical_tier, or a play step's action (winback.critical_alert). */
  alert: string;
  customerId: string;
  customerName: string;
  owner: string | null;
  tier: string | null;
  arr: number;
  churnRiskLevel: string | null;
  tactic: string;
  reason: string;
  briefUrl: string;
}

/** Slack's mrkdwn control characters, escaped as its docs ask. */
export const slackEscape = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const TITLES: Record<string, string> = {
  csm_task: "New CSM task",
  approval: "Approval waiting",
  critical_tier: "Customer crossed into critical risk",
};

export const alertTitle = (alert: string): string =>
  TITLES[alert] ?? `Play alert: ${alert.replace(/[._]/g, " ")}`;

export function slackMessage(f: SlackAlertFacts) {
  const title = `${alertTitle(f.alert)}: ${f.customerName}`;
  const fields = [
    `*Owner*\n${slackEscape(f.owner ?? "unassigned")}`,
    `*Tier*\n${slackEscape(f.tier ?? "n/a")}`,
    `*ARR*\n${Math.round(f.arr).toLocaleString("en-US")}`,
    `*Churn risk*\n${slackEscape(f.churnRiskLevel ?? "n/a")}`,
  ];
  return {
    text: `${title} — ${f.reason}`,
    blocks: [
      { type: "header", text: { type: "plain_text", text: title.slice(0, 150), emoji: false } },
      {
        type: "section",
        text: { type: "mrkdwn", text: slackEscape(f.reason).slice(0, 2_900) },
        fields: fields.map((text) => ({ type: "mrkdwn", text })),
      },
      ...(f.tactic
        ? [{ type: "context", elements: [{ type: "mrkdwn", text: `Play: ${slackEscape(f.tactic)}` }] }]
        : []),
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Open the brief" },
            url: f.briefUrl,
            action_id: "open_brief",
          },
        ],
      },
    ],
  };
}
