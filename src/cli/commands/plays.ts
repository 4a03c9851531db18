import type { Command } from "commander";
import { HoldfastError } from "../../core/errors.ts";
import { decidePlayApproval, listPlayApprovals } from "../../usecases/decide-approval.ts";
import { listPlayDeals } from "../../usecases/list-play-records.ts";
import { listCsmTasks } from "../../usecases/manage-csm-tasks.ts";
import { moveDeal } from "../../usecases/move-deal.ts";
import { runPlaysTick } from "../../usecases/run-plays-tick.ts";
import { resolveOrg, withContext } from "../context.ts";
import { table } from "../format.ts";
import { registerPlaysSimulate } from "./plays-simulate.ts";

interface Common {
  org?: string;
  db?: string;
  json?: boolean;
}

const common = (c: Command) =>
  c
    .option("--json", "print JSON")
    .option("--org <slug>", "org (default: the only one)")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)");

function parseTime(v: string | undefined, flag: string): Date | undefined {
  if (v === undefined) return undefined;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T12:00:00Z` : v);
  if (Number.isNaN(t))
    throw new HoldfastError("invalid_input", `${flag}: ${v} is not a time (ISO-8601 or YYYY-MM-DD)`);
  return new Date(t);
}

const rules = (r: Record<string, number>) =>
  Object.entries(r)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");

export function registerPlays(program: Command): void {
  const plays = program.command("plays").description("the plays engine: tick, CSM tasks, approvals");
  registerPlaysSimulate(plays);

  common(
    plays
      .command("tick")
      .description("tick the org's plays: start runs whose triggers fired, take due steps, write effects")
      .option("--as-of <time>", "the tick's clock (ISO time, or a day: noon UTC); default now")
      .option("--dry-run", "decide and print, write nothing")
      .option("--customer <id...>", "only these customers")
      .option(
        "--full",
        "evaluate every customer (default: only those with something new since the last tick)",
      ),
  ).action(async (o: Common & { asOf?: string; dryRun?: boolean; customer?: string[]; full?: boolean }) =>
    withContext(o, async (ctx) => {
      const org = await resolveOrg(ctx, o.org);
      const r = await runPlaysTick(ctx, org.id, {
        asOf: parseTime(o.asOf, "--as-of"),
        dryRun: o.dryRun ?? false,
        customers: o.customer,
        full: o.full ?? false,
        actor: "cli",
      });
      if (o.json) return console.log(JSON.stringify(r, null, 1));
      console.log(
        `Plays tick ${r.tickId}${r.dryRun ? " (dry run: nothing written)" : ""}: org ${org.slug}, ${r.mode}, ${r.customers} customers evaluated, ${r.changes} score changes since ${r.since}`,
      );
      if (r.reasons)
        console.log(
          `Evaluated for: ${Object.entries(r.reasons)
            .map(([k, n]) => `${k} ${n}`)
            .join(", ")} (customers may count under several)`,
        );
      const rows = Object.entries(r.counts)
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([slug, c]) => [
          slug,
          c.eligible,
          c.started,
          c.fired,
          c.deferred,
          rules(c.suppressed),
          c.inFlight,
        ]);
      console.log(
        table(
          ["tactic", "eligible", "started", "fired", "deferred", "suppressed (by rule)", "in flight"],
          rows,
        ),
      );
      const fired = r.decisions.filter((d) => d.outcome === "fire").slice(0, 50);
      if (fired.length > 0) {
        console.log("\nFired:");
        console.log(
          table(
            ["customer", "tactic", "kind", "step", "approval", "cause"],
            fired.map((d) => [
              d.customer_id,
              d.tactic,
              d.kind,
              d.step_id ?? "",
              d.approval ? "waits" : "",
              d.cause,
            ]),
          ),
        );
      }
      if (!r.dryRun)
        console.log(
          `\nWritten: ${r.written.outbox} outbox rows, ${r.written.decisions} decisions, ${r.written.runs} runs, ${r.written.approvals} approvals, ${r.written.insights} insights`,
        );
    }),
  );

  common(
    plays
      .command("tasks")
      .description("CSM tasks made by plays, by due date")
      .option("--status <status>", "open, done or snoozed", "open")
      .option("--owner <name>", "only this owner's tasks"),
  ).action(async (o: Common & { status: string; owner?: string }) =>
    withContext(o, async (ctx) => {
      const org = await resolveOrg(ctx, o.org);
      const tasks = await listCsmTasks(ctx, org.id, { status: o.status, owner: o.owner });
      if (o.json) return console.log(JSON.stringify(tasks, null, 1));
      console.log(
        table(
          ["id", "due", "customer", "owner/queue", "status", "reason"],
          tasks.map((t) => [t.id, t.due_on, t.customer_id, t.owner ?? t.queue, t.status, t.reason]),
        ),
      );
    }),
  );

  common(
    plays
      .command("deals")
      .description("the upsell deal pipeline; `move <id> --stage <stage>` moves a deal (audited)")
      .argument("[action]", "move")
      .argument("[id]", "deal id")
      .option(
        "--stage <stage>",
        "identified, qualified, proposal, won or lost (filter, or the move's target)",
      )
      .option("--amount <dollars>", "new estimated amount (move)")
      .option("--owner <name>", "new owner (move)")
      .option("--note <text>", "why (move)"),
  ).action(
    async (
      action: string | undefined,
      id: string | undefined,
      o: Common & { stage?: string; amount?: string; owner?: string; note?: string },
    ) =>
      withContext(o, async (ctx) => {
        const org = await resolveOrg(ctx, o.org);
        if (action !== undefined) {
          if (action !== "move") throw new HoldfastError("invalid_input", `action: ${action} is not move`);
          const n = Number(id);
          if (!Number.isInteger(n) || n <= 0)
            throw new HoldfastError("invalid_input", "id: a deal id is required");
          const amount = o.amount === undefined ? undefined : Number(o.amount);
          if (amount !== undefined && Number.isNaN(amount))
            throw new HoldfastError("invalid_input", `--amount: ${o.amount} is not a number`);
          const d = await moveDeal(ctx, org.id, n, {
            stage: o.stage,
            estimatedAmount: amount,
            owner: o.owner,
            note: o.note,
            actor: "cli",
          });
          if (o.json) return console.log(JSON.stringify(d, null, 1));
          return console.log(`Deal ${d.id}: ${d.stage}, $${d.estimated_amount} (${d.owner ?? "unassigned"})`);
        }
        const deals = await listPlayDeals(ctx, org.id, { stage: o.stage });
        if (o.json) return console.log(JSON.stringify(deals, null, 1));
        console.log(
          table(
            ["id", "customer", "stage", "amount", "owner", "tactic"],
            deals.map((d) => [d.id, d.customer_id, d.stage, d.estimated_amount, d.owner ?? "", d.tactic]),
          ),
        );
      }),
  );

  const approvals = common(
    plays
      .command("approvals")
      .description("the approvals queue; `approve <id>` or `reject <id>` with --reason")
      .argument("[action]", "approve or reject")
      .argument("[id]", "approval id")
      .option("--reason <text>", "why (required to approve or reject)")
      .option("--status <status>", "pending, approved, rejected or expired (list)", "pending"),
  );
  approvals.action(
    async (
      action: string | undefined,
      id: string | undefined,
      o: Common & { reason?: string; status: string },
    ) =>
      withContext(o, async (ctx) => {
        const org = await resolveOrg(ctx, o.org);
        if (action !== undefined) {
          if (action !== "approve" && action !== "reject")
            throw new HoldfastError("invalid_input", `action: ${action} is not approve or reject`);
          const n = Number(id);
          if (!Number.isInteger(n) || n <= 0)
            throw new HoldfastError("invalid_input", "id: an approval id is required");
          const a = await decidePlayApproval(ctx, org.id, n, {
            decision: action,
            reason: o.reason ?? "",
            actor: "cli",
          });
          if (o.json) return console.log(JSON.stringify(a, null, 1));
          return console.log(`Approval ${a.id}: ${a.status} (${a.reason})`);
        }
        const list = await listPlayApprovals(ctx, org.id, { status: o.status });
        if (o.json) return console.log(JSON.stringify(list, null, 1));
        console.log(
          table(
            ["id", "customer", "tactic", "what", "why", "status", "expires"],
            list.map((a) => [a.id, a.customer_id, a.tactic, a.what, a.why, a.status, a.expires_at]),
          ),
        );
      }),
  );
}
