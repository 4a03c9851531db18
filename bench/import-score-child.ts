// One measured step of our side, in its own process so its time and peak RSS are its own.
//   import <dataDir> <sqlite file | postgres url>   import, score, persist; prints the report
//   rescore <sqlite file | postgres url> <org> <as-of>   a fresh process scoring from the store alone
import { parseConfig } from "../src/core/config.ts";
import { ravenstackSourcesFromPath } from "../src/ingest/ravenstack/sources.ts";
import { closeDb, openDb } from "../src/store/open-store.ts";
import { ensureOrg, requireOrg } from "../src/store/orgs.ts";
import { computeEarlyWarning, reportEarlyWarning } from "../src/usecases/early-warning.ts";
import { importRavenstack } from "../src/usecases/import-ravenstack.ts";
import { recomputeScores } from "../src/usecases/recompute.ts";

const [mode, ...args] = process.argv.slice(2) as [string, ...string[]];
const open = (target: string) =>
  openDb(target.startsWith("postgres") ? { databaseUrl: target } : { sqlitePath: target });
const since = (a: number) => (performance.now() - a) / 1000;
const config = parseConfig({});
const out: Record<string, unknown> = {};

if (mode === "import") {
  const [dir, target] = args as [string, string];
  const db = await open(target);
  const org = await ensureOrg(db, `bench-${Date.now().toString(36)}`, new Date());
  let a = performance.now();
  // Import only: this bench times the early-warning steps below on their own.
  const imp = await importRavenstack(
    { db, defaults: config, now: () => new Date() },
    org.id,
    ravenstackSourcesFromPath(dir),
    {
      grain: "subscription",
      source: dir,
      actor: "bench",
      refresh: false,
    },
  );
  Object.assign(out, { org: org.slug, customers: imp.customers, importSec: since(a), ...imp.seconds });
  a = performance.now();
  const run = await computeEarlyWarning(db, org.id, config);
  out.scoreSec = since(a);
  a = performance.now();
  // The scoring pipeline: every score kind (early warning among them) computed and stored.
  await recomputeScores({ db, defaults: config, now: () => new Date() }, org.id, {
    asOf: run.asOf.usageEnd,
    config,
    configVersion: 0,
    cause: "import",
  });
  out.persistSec = since(a);
  out.report = await reportEarlyWarning(db, org.id, run);
  await closeDb(db);
} else if (mode === "rescore") {
  const [target, slug, asOf] = args as [string, string, string];
  const db = await open(target);
  const org = await requireOrg(db, slug);
  let a = performance.now();
  const run = await computeEarlyWarning(db, org.id, config, asOf);
  out.computeSec = since(a);
  a = performance.now();
  await recomputeScores({ db, defaults: config, now: () => new Date() }, org.id, {
    asOf,
    config,
    configVersion: 0,
    cause: "manual",
  });
  out.persistSec = since(a);
  out.customers = run.customers.length;
  await closeDb(db);
} else {
  throw new Error(`unknown mode ${mode}`);
}
out.maxRssMiB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(out));
