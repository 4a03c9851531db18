import type { Command } from "commander";
import { HoldfastError } from "../../core/errors.ts";
import {
  backfillHistory,
  DEFAULT_HISTORY_DAYS,
  queueHistoryBackfill,
} from "../../usecases/backfill-history.ts";
import { customerTimeline } from "../../usecases/customer-timeline.ts";
import { resolveOrg, withContext } from "../context.ts";
import { fmtInt, table } from "../format.ts";

interface Opts {
  db?: string;
  org?: string;
}

const wholeNumber = (name: string, v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n))
    throw new HoldfastError("invalid_input", `${name} must be a whole number (got ${v})`);
  return n;
};

/** `holdfast history backfill` and `holdfast customers timeline <id>`. */
export function registerHistory(program: Command): void {
  const history = program.command("history").description("score history and lifecycle transitions");
  history
    .command("backfill")
    .description(
      "replay daily score history for the last N days and lifecycle transitions over the whole history (queued for a worker; --now runs it here)",
    )
    .option("--days <n>", "days of daily history up to the org's as-of day", String(DEFAULT_HISTORY_DAYS))
    .option("--as-of <day>", "last day (default: the day the org was last scored as of)")
    .option("--now", "run it in this process instead of queueing a job")
    .option("--org <slug>", "org (default: the only one)")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .action(async (o: Opts & { days: string; asOf?: string; now?: boolean }) =>
      withContext(o, async (ctx) => {
        const org = await resolveOrg(ctx, o.org);
        const days = wholeNumber("--days", o.days);
        if (!o.now) {
          const job = await queueHistoryBackfill(ctx, org.id, { days, asOf: o.asOf, actor: "cli" });
          console.log(
            `Queued history backfill as job ${job.id}; a worker (holdfast serve or holdfast worker) runs it.`,
          );
          return;
        }
        const abort = new AbortController();
        process.once("SIGINT", () => abort.abort());
        const r = await backfillHistory(ctx, org.id, {
          days,
          asOf: o.asOf,
          actor: "cli",
          signal: abort.signal,
          onProgress: (p) => process.stderr.write(`\r${fmtInt(p.done)} / ${fmtInt(p.total)} customers`),
        });
        process.stderr.write("\n");
        console.log(
          `Backfilled ${fmtInt(r.customers)} customers from ${r.historyFrom} to ${r.asOf} (${r.replayDays} days replayed): ` +
            `${fmtInt(r.written.history)} history rows and ${fmtInt(r.written.transitions)} lifecycle transitions new or changed in ${r.seconds.toFixed(1)} s`,
        );
      }),
    );

  // The "customers" group may already exist (customers.ts adds the list there): join it.
  const customers =
    program.commands.find((c) => c.name() === "customers") ??
    program.command("customers").description("the customer list and each customer's story");
  customers
    .command("timeline <id>")
    .description("a customer's timeline, newest first")
    .option("--limit <n>", "entries per page", "50")
    .option("--cursor <c>", "the next page's cursor, as printed")
    .option("--json", "print JSON")
    .option("--org <slug>", "org (default: the only one)")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .action(async (id: string, o: Opts & { limit: string; cursor?: string; json?: boolean }) =>
      withContext(o, async (ctx) => {
        const org = await resolveOrg(ctx, o.org);
        const page = await customerTimeline(ctx, org.id, id, {
          limit: wholeNumber("--limit", o.limit),
          cursor: o.cursor,
        });
        if (o.json) return void console.log(JSON.stringify(page, null, 2));
        console.log(
          table(
            ["when", "what", "detail"],
            page.items.map((e) => [e.at.slice(0, 16).replace("T", " "), e.title, e.detail]),
          ),
        );
        if (page.next) console.log(`\nOlder entries: --cursor ${page.next}`);
      }),
    );
}
