import type { Command } from "commander";
import { buildApp } from "../../api/app.ts";
import { readEnv } from "../../config/env.ts";
import { HoldfastError } from "../../core/errors.ts";
import { jobHandlers } from "../../usecases/job-handlers.ts";
import { listOrgs } from "../../usecases/list-orgs.ts";
import { DEMO_ORG, ensureDemoWorkspace } from "../../usecases/load-demo-workspace.ts";
import { createSignInKey, orgHasKeys } from "../../usecases/manage-api-keys.ts";
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
  /** Seconds a SIGTERM/SIGINT waits for in-flight requests and jobs (default 30). */
  shutdownTimeout?: string;
}

async function serve(o: ServeOpts): Promise<void> {
  const env = readEnv();
  const shutdownMs = shutdownTimeoutMs(o.shutdownTimeout);
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
    metricsToken: env.metricsToken,
    trustProxy: env.trustProxy,
  });
  const port = o.port ? Number(o.port) : env.port;
  const host = o.host ?? env.host;
  const address = await app.listen({ port, host });
  console.log(`Holdfast is running at ${address}/ (store: ${db.dialect} ${db.location})`);
  const orgs = await listOrgs(ctx);
  const org = orgs.find((g) => g.slug === DEMO_ORG) ?? (orgs.length === 1 ? orgs[0] : undefined);
  // A sign-in link (a new admin key) only on the org's first start, when it has no key at all
  // (the demo workspace just created, or a fresh import); later: `holdfast signin-link`.
  if (org && !(await orgHasKeys(ctx, org.id))) {
    const { key } = await createSignInKey(ctx, org.id, {
      hours: SIGN_IN_HOURS,
      actor: o.demo ? "start" : "serve",
    });
    console.log(
      `Sign in to org ${org.slug} (link valid ${SIGN_IN_HOURS} h, shown only now): ${address}/#key=${key}`,
    );
  } else if (org) {
    const orgFlag = orgs.length > 1 ? ` --org ${org.slug}` : "";
    console.log(`Sign in with an API key, or get a link: npx holdfast signin-link${orgFlag}`);
  } else {
    console.log("Create a key to sign in: npx holdfast keys create --role admin --org <slug>");
  }
  scheduler.start();
  worker?.start();
  // Graceful shutdown: stop accepting connections and finish the requests in flight, while the
  // embedded worker finishes its jobs; after the timeout, unfinished jobs go back to the queue
  // (their attempt not counted) and open connections are dropped. Then the store closes.
  const stop = async (signal: NodeJS.Signals) => {
    const again = () => process.exit(1); // a second signal: exit at once
    process.once("SIGINT", again);
    process.once("SIGTERM", again);
    console.log(`${signal}: shutting down (waiting up to ${shutdownMs / 1000} s for requests and jobs)`);
    const deadline = new Promise<"timeout">((resolve) =>
      setTimeout(() => resolve("timeout"), shutdownMs).unref(),
    );
    const http = app.close().then(() => "closed" as const);
    const jobs = (async () => {
      await scheduler.stop();
      return (await worker?.stop({ timeoutMs: shutdownMs }))?.released ?? [];
    })();
    if ((await Promise.race([http, deadline])) === "timeout") {
      app.server.closeAllConnections();
      console.log("shutdown: dropped connections still open after the timeout");
    }
    const released = await jobs;
    if (released.length > 0)
      console.log(`shutdown: gave back ${released.length} unfinished job(s) to the queue`);
    await closeStore(db);
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

function shutdownTimeoutMs(v: string | undefined): number {
  const n = Number(v ?? "30");
  if (!Number.isFinite(n) || n < 0 || n > 86_400) {
    throw new HoldfastError(
      "invalid_input",
      `--shutdown-timeout must be seconds from 0 to 86400 (got ${JSON.stringify(v)})`,
    );
  }
  return n * 1000;
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
    .option("--shutdown-timeout <s>", "on SIGTERM/SIGINT, wait this long for requests and jobs", "30")
    .action((o: ServeOpts) => serve(o));
  program
    .command("start")
    .description("serve the default store, creating the demo workspace when it is empty (npm start)")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .option("--port <n>", "port (default: PORT or 3000)")
    .option("--host <h>", "interface (default: HOST or 127.0.0.1)")
    .option("--config <file>", "scoring config (JSON, merged over the defaults)")
    .option("--no-worker", "serve HTTP only; run jobs with `holdfast worker`")
    .option("--shutdown-timeout <s>", "on SIGTERM/SIGINT, wait this long for requests and jobs", "30")
    .action((o: ServeOpts) => serve({ ...o, demo: true }));
}
