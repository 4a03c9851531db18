import type { UseCaseContext } from "../context.ts";

/** One outbox row as a deliverer sees it (docs/delivery.md). */
export interface OutboxItem {
  id: number;
  orgId: number;
  idempotencyKey: string;
  customerId: string;
  tactic: string;
  runId: string;
  stepId: string;
  channel: string;
  payload: Record<string, unknown>;
  /** 1 for the first try. */
  attempt: number;
  createdAt: string;
}

/** What one delivery attempt came to; `code` is the channel's answer (SMTP "250", HTTP "200"). */
export type DeliveryResult =
  | { ok: true; code?: string | undefined; detail?: string | undefined }
  | { ok: false; retryable: boolean; code?: string | undefined; error: string };

/** Delivers one item; every failure is a value (never throws; the dispatcher also catches). */
export type Deliverer = (
  ctx: UseCaseContext,
  item: OutboxItem,
  signal: AbortSignal,
) => Promise<DeliveryResult>;

/** The answer of a deliverer whose channel has no configuration yet (the row ends dead with it). */
export const notConfigured = (channel: string, setting: string): DeliveryResult => ({
  ok: false,
  retryable: false,
  error: `${channel} is not configured: set ${setting}`,
});
