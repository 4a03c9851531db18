import type { Command } from "commander";
import { HoldfastError } from "../../core/errors.ts";
import type { UseCaseContext } from "../../usecases/context.ts";
import { dispatchOutbox } from "../../usecases/delivery/dispatch-outbox.ts";
import { getOutboxEntry, listOutboxEntries, retryOutbox } from "../../usecases/delivery/outbox-views.ts";
import { resolveOrg, withContext } from "../context.ts";
import { fmtInt, table } from "../format.ts";

interface Opts {
  db?: string;
  org?: string;
}

function withOrg<T>(o: Opts, fn: (ctx: UseCaseContext, orgId: number) => Promise<T>): Promise<T> {
  return withContext(o, async (ctx) => fn(ctx, (await resolveOrg(ctx, o.org)).id));
}

const entryId = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new HoldfastError("invalid_input", `outbox id must be a whole number (got ${JSON.stringify(v)})`);
  return n;
};

/** `holdfast outbox`: what the plays and webhooks queued, its delivery, redelivery (docs/delivery.md). */
export function registerOutbox(program: Command): void {
  const outbox = program.command("outbox").description("delivery of emails, SMS, Slack alerts and webhooks");
  const common = (c: Command) =>
    c
      .option("--org <slug>", "org (default: the only one)")
      .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)");

  common(outbox.command("list", { isDefault: true }).description("entries, newest first"))
    .option("--channel <c>", "email, sms, slack, webhook, in_app, csm_task, deal or insight")
    .option("--status <s>", "pending, sending, sent, dead, held, delivered or cancelled")
    .option("--tactic <slug>", "one tactic's entries")
    .option("--customer <id>", "one customer's entries")
    .option("--limit <n>", "entries shown", "50")
    .option("--json", "print JSON")
    .action(
      async (
        o: Opts & {
          channel?: string;
          status?: string;
          tactic?: string;
          customer?: string;
          limit: string;
          json?: boolean;
        },
      ) => {
        const limit = Number(o.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 500)
          throw new HoldfastError("invalid_input", "--limit must be a whole number from 1 to 500");
        const r = await withOrg(o, (ctx, orgId) =>
          listOutboxEntries(ctx, orgId, {
            channel: o.channel,
            status: o.status,
            tactic: o.tactic,
            customer: o.customer,
            limit,
          }),
        );
        if (o.json) return void console.log(JSON.stringify(r, null, 2));
        console.log(
          `${fmtInt(r.total)} entries${r.total > r.items.length ? ` (showing ${r.items.length})` : ""}`,
        );
        console.log(
          table(
            ["id", "channel", "status", "tries", "customer", "tactic", "step", "last error"],
            r.items.map((e) => [
              String(e.id),
              e.channel,
              e.status,
              String(e.attempts),
              e.customer_id,
              e.tactic,
              e.step_id,
              (e.last_error ?? "").slice(0, 60),
            ]),
          ),
        );
      },
    );

  common(outbox.command("show <id>").description("one entry with every delivery attempt"))
    .option("--json", "print JSON")
    .action(async (id: string, o: Opts & { json?: boolean }) => {
      const e = await withOrg(o, (ctx, orgId) => getOutboxEntry(ctx, orgId, entryId(id)));
      if (o.json) return void console.log(JSON.stringify(e, null, 2));
      console.log(`${e.id} ${e.channel} ${e.status} key ${e.idempotency_key}`);
      console.log(
        table(
          ["attempt", "at", "status", "code", "ms", "error"],
          e.attempt_log.map((a) => [
            String(a.attempt),
            a.at,
            a.status,
            a.code ?? "",
            a.latency_ms === null ? "" : String(a.latency_ms),
            (a.error ?? "").slice(0, 80),
          ]),
        ),
      );
    });

  common(outbox.command("retry [id]").description("redeliver a dead entry (or every dead one with --dead)"))
    .option("--dead", "every dead entry of the org")
    .action(async (id: string | undefined, o: Opts & { dead?: boolean }) => {
      if ((id === undefined) === !o.dead)
        throw new HoldfastError(
          "invalid_input",
          "name one outbox id, or --dead for every dead entry (not both)",
        );
      const r = await withOrg(o, (ctx, orgId) =>
        retryOutbox(ctx, orgId, id === undefined ? null : entryId(id), "cli"),
      );
      console.log(
        `${fmtInt(r.retried.length)} entr${r.retried.length === 1 ? "y" : "ies"} back to pending; a worker delivers them (or run \`holdfast outbox dispatch\`)`,
      );
    });

  common(outbox.command("dispatch").description("deliver what is due now, in this process"))
    .option("--json", "print JSON")
    .action(async (o: Opts & { json?: boolean }) => {
      const r = await withOrg(o, (ctx, orgId) => dispatchOutbox(ctx, orgId, { workerId: "cli" }));
      if (o.json) return void console.log(JSON.stringify(r, null, 2));
      console.log(
        `claimed ${r.claimed}: sent ${r.sent}, delivered ${r.delivered}, retrying ${r.retried}, dead ${r.dead}` +
          (r.rateLimited.length > 0 ? `; rate-limited: ${r.rateLimited.join(", ")}` : "") +
          (r.nextAt ? `; next due ${r.nextAt}` : ""),
      );
    });
}
