import { slackMessage } from "../../core/delivery/slack-message.ts";
import { crmFacts } from "../../store/delivery/crm-facts.ts";
import { batchOrgConfig } from "./batch-cache.ts";
import { type Deliverer, notConfigured } from "./deliverer.ts";
import { postJson } from "./http-post.ts";

/**
 * Posts one alert to Slack's incoming webhook: the customer owner's URL when
 * `delivery.slack.ownerWebhookUrls` names the owner, else the org's `delivery.slack.webhookUrl`.
 */
export const deliverSlack: Deliverer = async (ctx, item, signal) => {
  const { config } = await batchOrgConfig(ctx, item.orgId);
  const slack = config.delivery.slack;
  const [facts] = item.customerId ? await crmFacts(ctx.db, item.orgId, [item.customerId]) : [];
  const url = (facts?.owner ? slack.ownerWebhookUrls[facts.owner] : undefined) || slack.webhookUrl;
  if (!url) return notConfigured("slack", "delivery.slack.webhookUrl");
  const p = item.payload;
  const alert = typeof p.alert === "string" ? p.alert : typeof p.action === "string" ? p.action : item.stepId;
  const reason =
    typeof p.reason === "string"
      ? p.reason
      : `${item.tactic}: step ${item.stepId} (${String(p.action ?? alert)})`;
  const base = (slack.dashboardUrl || "http://localhost:3000").replace(/\/+$/, "");
  const msg = slackMessage({
    alert,
    customerId: item.customerId,
    customerName: facts?.name ?? item.customerId,
    owner: facts?.owner ?? null,
    tier: facts?.tier ?? null,
    arr: facts?.arr ?? 0,
    churnRiskLevel: facts?.churnRiskLevel ?? null,
    tactic: item.tactic,
    reason,
    briefUrl: `${base}/#/customers/${encodeURIComponent(item.customerId)}`,
  });
  return postJson(url, JSON.stringify(msg), {}, config.delivery.webhooks.timeoutMs, signal);
};
