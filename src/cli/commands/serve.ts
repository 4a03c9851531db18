import type { Command } from "commander";
import { buildApp } from "../../api/app.ts";
import { readEnv } from "../../config/env.ts";
import { parseConfig } from "../../core/config.ts";
import { HoldfastError } from "../../core/errors.ts";
import { addDays, dayOf } from "../../core/util/dates.ts";
import { loadDemoWorkspace } from "../../usecases/load-demo-workspace.ts";
import { createScheduler } from "../../usecases/scheduler.ts";
import { createApiKey } from "../../store/api-keys.ts";
import { closeDb, type Db } from "../../store/open-store.ts";
import { ensureOrg, listOrgs } from "../../store/orgs.ts";
import { loadConfig, openFromOptions, systemClock } from "../context.ts";
import { fmtInt } from "../format.ts";

export const DEMO_ORG = "demo";
const SIGN_IN_HOURS = 24;

/** On an empty store: simulate the demo workspace (events with hidden propensities), load it, score it. */
export async function ensureDemoWorkspace(db: Db, customers: number): Promise<void> {
  if ((await listOrgs(db)).length > 0) return;
  if (!Number.isInteger(customers) || customers < 1 || customers > 100_000) {
    throw new HoldfastError(
      "invalid_input",
      `HOLDFAST_DEMO_CUSTOMERS must be a whole number from 1 to 100,000 (got ${customers})`,
    );
  }
  const now = systemClock();
  console.log(
    `Empty store: creating the demo workspace (${fmtInt(customers)} customers, 18 months of events)...`,
  );
  const org = await ensureOrg(db, DEMO_ORG, now, "Demo workspace");
  const r = await loadDemoWorkspace(
    db,
    org,
    { customers, seed: 42, end: addDays(dayOf(now), -1), months: 18 },
    { config: parseConfig({}), now: systemClock },
  );
  console.log(
    `Demo workspace ready: ${fmtInt(r.customers)} customers, ${fmtInt(r.events)} events in ${r.seconds.toFixed(1)} s`,
  );
}

interface ServeOpts {
  db?: string;
  config?: string;
  port?: string;
  host?: string;
  demo?: boolean;
}

async function serve(o: ServeOpts): Promise<void> {
  const env = readEnv();
  const db = await openFromOptions(o);
  if (o.demo) await ensureDemoWorkspace(db, env.demoCustomers);
  const config = loadConfig(o.config);
  const scheduler = createScheduler({ db, config, now: systemClock, log: (m) => console.log(m) });
  const app = await buildApp({ db, config, now: systemClock, scheduler, logger: { level: env.logLevel } });
  const port = o.port ? Number(o.port) : env.port;
  const host = o.host ?? env.host;
  const address = await app.listen({ port, host });
  console.log(`Holdfast is running at ${address}/ (store: ${db.dialect} ${db.location})`);
  const orgs = await listOrgs(db);
  const org = orgs.find((g) => g.slug === DEMO_ORG) ?? (orgs.length === 1 ? orgs[0] : undefined);
  if (org) {
    const now = systemClock();
    const { key } = await createApiKey(db, org.id, {
      role: "admin",
      name: "sign-in link",
      now,
      expiresAt: new Date(now.getTime() + SIGN_IN_HOURS * 3_600_000),
    });
    console.log(`Sign in to org ${org.slug} (link valid ${SIGN_IN_HOURS} h): ${address}/#key=${key}`);
  } else {
    console.log("Create a key to sign in: npx holdfast keys create --role admin --org <slug>");
  }
  scheduler.start();
  const stop = async () => {
    await scheduler.stop();
    await app.close();
    await closeDb(db);
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
    .action((o: ServeOpts) => serve(o));
  program
    .command("start")
    .description("serve the default store, creating the demo workspace when it is empty (npm start)")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .option("--port <n>", "port (default: PORT or 3000)")
    .option("--host <h>", "interface (default: HOST or 127.0.0.1)")
    .option("--config <file>", "scoring config (JSON, merged over the defaults)")
    .action((o: ServeOpts) => serve({ ...o, demo: true }));
}
