import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { HoldfastError } from "../../core/errors.ts";
import { checkUnsubscribeToken, unsubscribe } from "../../usecases/delivery/unsubscribe.ts";
import type { RouteDeps } from "../deps.ts";
import { statusOf } from "../errors.ts";

/**
 * Unsubscribe links, unauthenticated by design: the signed token is the authentication.
 * `GET /u/:token` shows a confirmation page with a button (link scanners that prefetch it change
 * nothing); `POST /u/:token` records the opt-out: the page's button, and mail clients' RFC 8058
 * one-click POST (`List-Unsubscribe=One-Click`). A tampered token gets a 400 page; nothing changes.
 */

const Params = z.object({ token: z.string().min(1).max(1_000) });

const CHANNEL_WORDS = { email: "emails", sms: "text messages" } as const;

/** Plain HTML without inline styles (the app's CSP allows none). */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title></head>
<body>
<h1>${title}</h1>
${body}
</body></html>
`;
}

const invalid = (message: string) =>
  page("This link does not work", `<p>${escapeHtml(message)}</p><p>Nothing was changed.</p>`);

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const unsubscribeRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { ctx }) => {
  // RFC 8058's POST and the page's form are form-encoded; only these routes accept that.
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: 4_096 },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  const fail = (e: unknown) => {
    if (e instanceof HoldfastError) return { status: statusOf(e.code), html: invalid(e.message) };
    throw e;
  };

  app.get("/u/:token", { schema: { hide: true, params: Params } }, async (req, reply) => {
    reply.type("text/html; charset=utf-8").header("Cache-Control", "no-store");
    try {
      const claim = await checkUnsubscribeToken(ctx, req.params.token);
      const what = CHANNEL_WORDS[claim.channel];
      return page(
        `Unsubscribe from ${what}?`,
        `<p>You will not receive these ${what} any more.</p>
<form method="post" action="/u/${encodeURIComponent(req.params.token)}">
<input type="hidden" name="via" value="link">
<button type="submit">Unsubscribe</button>
</form>`,
      );
    } catch (e) {
      const r = fail(e);
      return reply.status(r.status).send(r.html);
    }
  });

  app.post("/u/:token", { schema: { hide: true, params: Params } }, async (req, reply) => {
    reply.type("text/html; charset=utf-8").header("Cache-Control", "no-store");
    const form = (req.body ?? {}) as Record<string, unknown>;
    const via = form.via === "link" ? "link" : "one_click";
    try {
      const r = await unsubscribe(ctx, req.params.token, via);
      return page(
        "You are unsubscribed",
        `<p>You will not receive these ${CHANNEL_WORDS[r.channel]} any more.</p>`,
      );
    } catch (e) {
      const r = fail(e);
      return reply.status(r.status).send(r.html);
    }
  });
};
