import nodemailer from "nodemailer";
import { smtpRetryable } from "../../core/delivery/message-id.ts";
import type { EmailSender, OutgoingEmail, SendResult } from "../../core/delivery/ports.ts";

export interface SmtpOptions {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string | undefined;
  maxConnections: number;
  /** Each socket stage (connect, greeting, reply) times out after this many ms. */
  timeoutMs?: number | undefined;
}

/** An SMTP sender over a pooled nodemailer transport (connections reused across messages). */
export function createSmtpSender(o: SmtpOptions): EmailSender {
  const timeout = o.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    pool: true,
    host: o.host,
    port: o.port,
    secure: o.secure,
    maxConnections: o.maxConnections,
    maxMessages: Number.POSITIVE_INFINITY,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    ...(o.user ? { auth: { user: o.user, pass: o.password ?? "" } } : {}),
    // Local relays and test servers use self-signed certificates only when configured so.
    tls: { rejectUnauthorized: o.host !== "127.0.0.1" && o.host !== "localhost" },
  });
  return {
    async send(mail: OutgoingEmail, signal: AbortSignal): Promise<SendResult> {
      if (signal.aborted) return { ok: false, retryable: true, error: "cancelled before sending" };
      try {
        const info = await transport.sendMail({
          from: mail.from,
          to: mail.to,
          ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
          messageId: mail.messageId,
          headers: mail.headers,
        });
        const code = /^(\d{3})/.exec(String(info.response ?? ""))?.[1] ?? "250";
        return { ok: true, code, detail: String(info.response ?? "").slice(0, 200) };
      } catch (e) {
        const err = e as { responseCode?: number; code?: string; message?: string };
        const code = err.responseCode;
        return {
          ok: false,
          retryable: smtpRetryable(code),
          code: code !== undefined ? String(code) : err.code,
          error: String(err.message ?? e).slice(0, 500),
        };
      }
    },
    close() {
      transport.close();
    },
  };
}
