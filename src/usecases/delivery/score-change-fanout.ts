import type { DeliveryConfig } from "../../core/delivery/config.ts";
import { changeEvents, isCriticalCrossing } from "../../core/delivery/webhook-events.ts";
import { listEndpoints } from "../../store/delivery/webhook-endpoints.ts";
import { insertOutbox, type NewOutboxRow } from "../../store/plays/outbox.ts";
import { advanceCursor, readCursor, readScoreChanges } from "../../store/score-changes.ts";
import { withTransaction } from "../../store/transaction.ts";
import type { UseCaseContext } from "../context.ts";
import { slackAlertOn, slackAlertRow } from "./slack-alerts.ts";
import { emitWebhookEvents } from "./webhook-fanout.ts";

/** The webhooks' consumer of score changes (its own cursor in `change_cursors`). */
export const WEBHOOKS_CONSUMER = "webhooks";
const PAGE = 2_000;

/**
 * Reads the org's score changes after the webhooks cursor, a page per transaction: each page's
 * webhook rows (score.band_changed, score.threshold_crossed, customer.churned) and Slack
 * critical-tier alerts commit with the cursor's move, so a crash repeats a page at most (and
 * its rows are keyed, so nothing is written twice). Returns how many rows were written.
 */
export async function fanOutScoreChanges(
  ctx: UseCaseContext,
  orgId: number,
  d: DeliveryConfig,
): Promise<number> {
  let written = 0;
  const critical = slackAlertOn(d, "critical_tier");
  for (;;) {
    const n = await withTransaction(ctx.db, async (tx) => {
      const after = await readCursor(tx, orgId, WEBHOOKS_CONSUMER);
      const changes = await readScoreChanges(tx, orgId, after, PAGE);
      if (changes.length === 0) return null;
      const now = ctx.now();
      const endpoints = await listEndpoints(tx, orgId);
      let w = await emitWebhookEvents(tx, orgId, changes.flatMap(changeEvents), now, endpoints);
      if (critical) {
        const rows: NewOutboxRow[] = changes
          .filter((c) => c.kind === "churn_risk" && isCriticalCrossing(c))
          .map((c) =>
            slackAlertRow(
              "critical_tier",
              `sc_${c.id}`,
              c.customerId,
              "",
              `Churn risk moved from ${c.oldLevel ?? "unscored"} to ${c.newLevel} (score ${c.newScore ?? "n/a"}; ${c.cause}).`,
              now.toISOString(),
            ),
          );
        if (rows.length > 0) w += (await insertOutbox(tx, orgId, rows)).size;
      }
      await advanceCursor(tx, orgId, WEBHOOKS_CONSUMER, changes[changes.length - 1]!.id);
      return { w, more: changes.length === PAGE };
    });
    if (!n) break;
    written += n.w;
    if (!n.more) break;
  }
  return written;
}
