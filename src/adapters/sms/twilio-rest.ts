import type { OutgoingSms, SendResult, SmsSender } from "../../core/delivery/ports.ts";

export interface TwilioOptions {
  /** https://api.twilio.com, or any server speaking its Messages API. */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  timeoutMs?: number | undefined;
}

/**
 * Twilio's Messages API over fetch: `POST {base}/2010-04-01/Accounts/{sid}/Messages.json`, form
 * encoded To, From, Body, HTTP basic auth sid:token; 201 with the message's `sid` on success.
 * (The official `twilio` client cannot be pointed at another base URL without patching it, so
 * this speaks its REST shape directly.) 429 and 5xx are retryable, other 4xx not.
 */
export function createTwilioSender(o: TwilioOptions): SmsSender {
  const url = `${o.baseUrl.replace(/\/+$/, "")}/2010-04-01/Accounts/${encodeURIComponent(o.accountSid)}/Messages.json`;
  const auth = `Basic ${Buffer.from(`${o.accountSid}:${o.authToken}`).toString("base64")}`;
  return {
    async send(sms: OutgoingSms, signal: AbortSignal): Promise<SendResult> {
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ To: sms.to, From: sms.from, Body: sms.body }),
          signal: AbortSignal.any([signal, AbortSignal.timeout(o.timeoutMs ?? 15_000)]),
        });
        const text = await res.text();
        let body: { sid?: string; message?: string; code?: number } = {};
        try {
          body = JSON.parse(text) as typeof body;
        } catch {
          // not JSON: the status says enough
        }
        if (res.ok) return { ok: true, code: String(res.status), detail: body.sid };
        return {
          ok: false,
          retryable: res.status === 429 || res.status >= 500,
          code: String(res.status),
          error: `SMS provider answered ${res.status}${body.message ? `: ${body.message}` : ""}`.slice(
            0,
            500,
          ),
        };
      } catch (e) {
        return { ok: false, retryable: true, error: `SMS provider unreachable: ${(e as Error).message}` };
      }
    },
  };
}
