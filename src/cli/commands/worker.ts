import type { Command } from "commander";
import { HoldfastError } from "../../core/errors.ts";
import type { UseCaseContext } from "../../usecases/context.ts";
import { jobHandlers } from "../../usecases/job-handlers.ts";
import { createScheduler } from "../../worker/scheduler.ts";
import { createWorker } from "../../worker/worker.ts";
import { resolveOrg, withContext } from "../context.ts";

interface WorkerOpts {
  db?: string;
  config?: string;
  org?: string;
  concurrency: string;
  leaseSeconds: string;
  pollMs: string;
  retryBaseMs: string;
  untilIdle?: boolean;
  scheduler: boolean;
  shutdownTimeout: string;
}

function whole(name: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new HoldfastError(
      "invalid_input",
      `${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(v)})`,
    );
  }
  return n;
}

export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description("run queued jobs (refreshes, daily runs, ticket analysis); also queues what is due")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .option("--config <file>", "default config for orgs without a stored version (JSON)")
    .option("--org <slug>", "run only this org's jobs (default: every org)")
    .option("--concurrency <n>", "jobs at once", "2")
    .option("--lease-seconds <s>", "how long a claim holds without a heartbeat", "300")
    .option("--poll-ms <ms>", "wait between claims when the queue is empty", "1000")
    .option("--retry-base-ms <ms>", "delay after a first failure (doubles per attempt, jittered)", "5000")
    .option("--until-idle", "exit once no job is queued or running (no scheduler)")
    .option("--no-scheduler", "do not queue the daily refresh and waiting recomputes")
    .option(
      "--shutdown-timeout <s>",
      "on SIGTERM/SIGINT, wait this long for running jobs, then give them back to the queue",
      "30",
    )
    .action(async (o: WorkerOpts) => {
      const concurrency = whole("--concurrency", o.concurrency, 1, 64);
      const leaseMs = whole("--lease-seconds", o.leaseSeconds, 1, 86_400) * 1000;
      const pollMs = whole("--poll-ms", o.pollMs, 10, 600_000);
      const baseMs = whole("--retry-base-ms", o.retryBaseMs, 1, 3_600_000);
      const shutdownMs = whole("--shutdown-timeout", o.shutdownTimeout, 0, 86_400) * 1000;
      await withContext(o, (ctx) => runWorker(ctx, o, { concurrency, leaseMs, pollMs, baseMs, shutdownMs }), {
        log: (m) => console.log(m),
      });
    });
}

async function runWorker(
  ctx: UseCaseContext,
  o: WorkerOpts,
  n: { concurrency: number; leaseMs: number; pollMs: number; baseMs: number; shutdownMs: number },
): Promise<void> {
  const { concurrency, leaseMs, pollMs, baseMs, shutdownMs } = n;
  const org = o.org ? await resolveOrg(ctx, o.org) : undefined;
  const worker = createWorker({
    ctx,
    handlers: jobHandlers(),
    concurrency,
    leaseMs,
    pollMs,
    retry: { baseMs, maxMs: Math.max(baseMs, 3_600_000) },
    orgId: org?.id,
  });
  console.log(`worker ${worker.id}: ${concurrency} at once${org ? `, org ${org.slug}` : ""}`);
  if (o.untilIdle) {
    const ran = await worker.runUntilIdle();
    console.log(`worker ${worker.id}: ran ${ran} jobs; the queue is idle`);
    return;
  }
  const scheduler = o.scheduler ? createScheduler(ctx, () => worker.wake()) : undefined;
  scheduler?.start();
  worker.start();
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  // A second signal while stopping exits at once (the leases then expire as after a crash).
  const now = (s: NodeJS.Signals) => {
    console.log(`worker ${worker.id}: ${s} again, exiting without waiting`);
    process.exit(1);
  };
  process.once("SIGINT", now);
  process.once("SIGTERM", now);
  console.log(
    `worker ${worker.id}: ${signal}, stopping (waiting up to ${shutdownMs / 1000} s for the jobs in hand)`,
  );
  await scheduler?.stop();
  const { released } = await worker.stop({ timeoutMs: shutdownMs });
  console.log(
    released.length > 0
      ? `worker ${worker.id}: stopped; gave back ${released.length} unfinished job(s) to the queue (${released.join(", ")})`
      : `worker ${worker.id}: stopped`,
  );
}
