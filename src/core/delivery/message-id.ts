import { createHash } from "node:crypto";

/** The stable Message-ID of an outbox row: the same on every attempt, so receivers can deduplicate. */
export function messageIdFor(idempotencyKey: string, host: string): string {
  const hash = createHash("sha256").update(idempotencyKey).digest("hex");
  return `<${hash}@holdfast.${host || "localhost"}>`;
}

/** SMTP reply code classes: 4xx is a temporary failure (retry), 5xx permanent. */
export function smtpRetryable(code: number | undefined): boolean {
  if (code === undefined) return true; // connection errors, timeouts: try again
  return code < 500;
}
