/**
 * The outside services email and SMS go through. Adapters (src/adapters/email, src/adapters/sms)
 * implement them; every failure is a value, never a throw.
 */

export interface OutgoingEmail {
  from: string;
  to: string;
  replyTo?: string | undefined;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  headers: Record<string, string>;
}

export type SendResult =
  | { ok: true; code: string; detail?: string | undefined }
  | { ok: false; retryable: boolean; code?: string | undefined; error: string };

export interface EmailSender {
  send(mail: OutgoingEmail, signal: AbortSignal): Promise<SendResult>;
  close(): void;
}

export interface OutgoingSms {
  from: string;
  to: string;
  body: string;
}

export interface SmsSender {
  send(sms: OutgoingSms, signal: AbortSignal): Promise<SendResult>;
}
