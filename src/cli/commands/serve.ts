import type { Command } from "commander";
import { buildApp } from "../../api/app.ts";
import { readEnv } from "../../config/env.ts";
import { createApiKey } from "../../usecases/create-api-key.ts";
import { jobHandlers } from "../../usecases/job-handlers.ts";
import { listOrgs } from "../../usecases/list-orgs.ts";
import { DEMO_ORG, ensureDemoWorkspace } from "../../usecases/load-demo-workspace.ts";
import { createScheduler } from "../../worker/scheduler.ts";
import { createWorker, type Worker } from "../../worker/worker.ts";
import { closeStore, loadConfig, openFromOptions, systemClock } from "../context.ts";
import { fmtInt } from "../format.ts";

const SIGN_IN_HOURS = 24;

interface ServeOpts {
  db?: string;
  config?: string;
  port?: string;
  host?: string;
  demo?: boolean;
  /** false with --no-worker: this process serves HTTP only; `holdfast worker` runs the jobs. */
  worker?: boolean;
}

async function serve(o: ServeOpts): Promise<void> {
  const env = readEnv();
  const config = loadConfig(o.config);
  const db = await openFromOptions(o);
  const ctx = { db, defaults: config, now: systemClock, log: (m: string) => console.log(m) };
  if (o.demo) {
    const r = await ensureDemoWorkspace(ctx, env.demoCustomers);
    if (r)
      console.log(
        `Demo workspace ready: ${fmtInt(r.customers)} customers, ${fmtInt(r.events)} events in ${r.seconds.toFixed(1)} s`,
      );
  }
  // One embedded worker runs the jobs this process and others queue, unless --no-worker.
  const worker: Worker | undefined =
    o.worker === false ? undefined : createWorker({ ctx, handlers: jobHandlers(), concurrency: 2 });
  const scheduler = createScheduler(ctx, () => worker?.wake());
  const app = await buildApp({
    db,
    config,
    now: systemClock,
    ...(worker ? { wake: () => worker.wake() } : {}),
    logger: { level: env.logLevel },
  });
  const port = o.port ? Number(o.port) : env.port;
  const host = o.host ?? env.host;
  const address = await app.listen({ port, host });
  console.log(`Holdfast is running at ${address}/ (store: ${db.dialect} ${db.location})`);
  const orgs = await listOrgs(ctx);
  const org = orgs.find((g) => g.slug === DEMO_ORG) ?? (orgs.length === 1 ? orgs[0] : undefined);
  if (org) {
    const { key } = await createApiKey(ctx, org.id, {
      role: "admin",
      name: "sign-in link",
      expiresAt: new Date(systemClock().getTime() + SIGN_IN_HOURS * 3_600_000),
      actor: "serve",
    });
    console.log(`Sign in to org ${org.slug} (link valid ${SIGN_IN_HOURS} h): ${address}/#key=${key}`);
  } else {
    console.log("Create a key to sign in: npx holdfast keys create --role admin --org <slug>");
  }
  scheduler.start();
  worker?.start();
  const stop = async () => {
    await scheduler.stop();
    await worker?.stop();
    await app.close();
    await closeStore(db);
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("run the API and dashboard")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .option("--port <n>", "port (default: PORT or 3000)")
    .option("--host <h>", "interface (default: HOST or 127.0.0.1)")
    .option("--config <file>", "scoring config (JSON, merged over the defaults)")
    .option("--no-worker", "serve HTTP only; run jobs with `holdfast worker`")
    .action((o: ServeOpts) => serve(o));
  program
    .command("start")
    .description("serve the default store, creating the demo workspace when it is empty (npm start)")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .option("--port <n>", "port (default: PORT or 3000)")
    .option("--host <h>", "interface (default: HOST or 127.0.0.1)")
    .option("--config <file>", "scoring config (JSON, merged over the defaults)")
    .option("--no-worker", "serve HTTP only; run jobs with `holdfast worker`")
    .action((o: ServeOpts) => serve({ ...o, demo: true }));
}
