import type { Command } from "commander";
import { HoldfastError } from "../../core/errors.ts";
import type { UseCaseContext } from "../../usecases/context.ts";
import { cancelJob, enqueue, type JobStatus, jobsOverview, retryJob } from "../../usecases/jobs.ts";
import { resolveOrg, withContext } from "../context.ts";
import { fmtInt, table } from "../format.ts";

interface Opts {
  db?: string;
  org?: string;
}

function withOrg<T>(o: Opts, fn: (ctx: UseCaseContext, orgId: number) => Promise<T>): Promise<T> {
  return withContext(o, async (ctx) => fn(ctx, (await resolveOrg(ctx, o.org)).id));
}

const jobId = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new HoldfastError("invalid_input", `job id must be a whole number (got ${JSON.stringify(v)})`);
  return n;
};

export function registerJobs(program: Command): void {
  const jobs = program
    .command("jobs")
    .description("the job queue: depth, running, dead jobs with their errors");
  const common = (c: Command) =>
    c
      .option("--org <slug>", "org (default: the only one)")
      .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)");

  common(jobs.command("list", { isDefault: true }).description("counts by status and the latest jobs"))
    .option("--status <s>", "only queued, running, done, dead or cancelled jobs")
    .option("--json", "print JSON")
    .action(async (o: Opts & { status?: string; json?: boolean }) => {
      const r = await withOrg(o, (ctx, orgId) =>
        jobsOverview(ctx, orgId, { status: o.status as JobStatus | undefined, limit: 20 }),
      );
      if (o.json) return void console.log(JSON.stringify(r, null, 2));
      console.log(
        Object.entries(r.counts)
          .map(([s, n]) => `${s} ${fmtInt(n)}`)
          .join(" | "),
      );
      const rows = [...r.jobs, ...r.dead.filter((d) => !r.jobs.some((j) => j.id === d.id))];
      console.log(
        table(
          ["id", "kind", "status", "attempts", "run at", "last error"],
          rows.map((j) => [
            String(j.id),
            j.kind,
            j.status,
            `${j.attempts}/${j.maxAttempts}`,
            j.runAt,
            (j.lastError ?? "").slice(0, 60),
          ]),
        ),
      );
    });

  common(jobs.command("retry <id>").description("queue a dead or cancelled job again")).action(
    async (id: string, o: Opts) => {
      const j = await withOrg(o, (ctx, orgId) => retryJob(ctx, orgId, jobId(id), "cli"));
      console.log(`job ${j.id} (${j.kind}) is ${j.status}`);
    },
  );

  common(
    jobs.command("cancel <id>").description("cancel a job (a running one stops at its next heartbeat)"),
  ).action(async (id: string, o: Opts) => {
    const j = await withOrg(o, (ctx, orgId) => cancelJob(ctx, orgId, jobId(id)));
    console.log(
      `job ${j.id} (${j.kind}) is ${j.status}${j.cancelRequested && j.status === "running" ? ", cancel asked" : ""}`,
    );
  });

  common(jobs.command("ping").description("queue diagnostic jobs that a worker answers with an audit entry"))
    .option("--count <n>", "how many", "1")
    .option("--sleep-ms <ms>", "each waits this long first", "0")
    .option("--fail", "each fails (tests retries and dead jobs)")
    .option("--max-attempts <n>", "attempts before a failing job is dead", "3")
    .action(async (o: Opts & { count: string; sleepMs: string; fail?: boolean; maxAttempts: string }) => {
      const count = Number(o.count);
      if (!Number.isInteger(count) || count < 1 || count > 100_000) {
        throw new HoldfastError(
          "invalid_input",
          `--count must be a whole number from 1 to 100,000 (got ${o.count})`,
        );
      }
      const ids = await withOrg(o, async (ctx, orgId) => {
        const out: number[] = [];
        for (let i = 0; i < count; i++) {
          const payload = { sleep_ms: Number(o.sleepMs) || 0, fail: o.fail === true };
          out.push(
            (
              await enqueue(
                ctx.db,
                orgId,
                { kind: "ping", payload, maxAttempts: Number(o.maxAttempts) || 3 },
                ctx.now(),
              )
            ).id,
          );
        }
        return out;
      });
      console.log(`queued ${fmtInt(ids.length)} ping jobs (${ids[0]}..${ids.at(-1)})`);
    });
}
