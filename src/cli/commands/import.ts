import path from "node:path";
import cliProgress from "cli-progress";
import type { Command } from "commander";
import { HoldfastError } from "../../core/errors.ts";
import { loadEventsWorkspace } from "../../usecases/load-events-workspace.ts";
import { GRAINS, type Grain, importRavenstack } from "../../ingest/ravenstack/import-ravenstack.ts";
import { ravenstackSourcesFromPath } from "../../ingest/ravenstack/sources.ts";
import { closeDb } from "../../store/open-store.ts";
import { ensureOrg } from "../../store/orgs.ts";
import { loadConfig, openFromOptions, systemClock } from "../context.ts";
import { fmtInt, table } from "../format.ts";
import { scoreAndSave } from "./score.ts";
import { registerTicketImport } from "./tickets.ts";

interface ImportOpts {
  grain: string;
  org: string;
  db?: string;
  config?: string;
  score: boolean;
}

export function registerImport(program: Command): void {
  const imp = program.command("import").description("import data into an org");
  registerTicketImport(imp);
  imp
    .command("events <dir>")
    .description(
      "load a folder of plans.json, customers.ndjson and events.ndjson (validated whole first), analyze ticket text, compute every score",
    )
    .option("--org <slug>", "org to load into (created when new)", "default")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .option("--config <file>", "scoring config (JSON, merged over the defaults)")
    .option("--as-of <date>", "score as of this day (default: today)")
    .action(async (dir: string, o: { org: string; db?: string; config?: string; asOf?: string }) => {
      const config = loadConfig(o.config);
      const db = await openFromOptions(o);
      try {
        const org = await ensureOrg(db, o.org, systemClock());
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar(
              {
                format: "{phase} [{bar}] {percentage}% | {value}/{total}",
                hideCursor: true,
                stream: process.stderr,
              },
              cliProgress.Presets.shades_classic,
            )
          : undefined;
        bar?.start(1, 0, { phase: "validate" });
        let r: Awaited<ReturnType<typeof loadEventsWorkspace>>;
        try {
          r = await loadEventsWorkspace(db, org, path.resolve(dir), {
            config,
            now: systemClock,
            actor: "cli",
            asOf: o.asOf,
            onProgress: (phase, done, total) => {
              bar?.setTotal(Math.max(1, total));
              bar?.update(done, { phase });
            },
          });
        } finally {
          bar?.stop();
        }
        console.log(
          table(
            ["what", "count"],
            [
              ["plans", fmtInt(r.plans)],
              ["customers", fmtInt(r.customers)],
              ["events new", fmtInt(r.events.accepted)],
              ["events already stored", fmtInt(r.events.duplicates)],
              ["tickets analyzed", fmtInt(r.tickets)],
              ["customers scored", fmtInt(r.scored)],
            ],
          ),
        );
        console.log(`\nLoaded into org ${org.slug} in ${r.seconds.toFixed(2)} s`);
      } finally {
        await closeDb(db);
      }
    });
  imp
    .command("ravenstack <path>")
    .description("import the five RavenStack CSVs from a folder or a .zip, then score the org")
    .option("--grain <grain>", "customer = subscription (as seed 004) or account", "subscription")
    .option("--org <slug>", "org to import into (created when new)", "default")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .option("--config <file>", "scoring config (JSON, merged over the defaults)")
    .option("--no-score", "import only; do not recompute scores")
    .action(async (p: string, o: ImportOpts) => {
      if (!GRAINS.includes(o.grain as Grain)) {
        throw new HoldfastError(
          "invalid_input",
          `--grain must be one of ${GRAINS.join(", ")} (got ${JSON.stringify(o.grain)})`,
        );
      }
      const config = loadConfig(o.config);
      const sources = ravenstackSourcesFromPath(p);
      const db = await openFromOptions(o);
      try {
        const org = await ensureOrg(db, o.org, systemClock());
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar(
              { format: "{phase} [{bar}] {percentage}% | {name}", hideCursor: true, stream: process.stderr },
              cliProgress.Presets.shades_classic,
            )
          : undefined;
        bar?.start(1, 0, { phase: "read ", name: "" });
        let summary: Awaited<ReturnType<typeof importRavenstack>>;
        try {
          summary = await importRavenstack(db, org, sources, {
            grain: o.grain as Grain,
            source: path.resolve(p),
            now: systemClock,
            actor: "cli",
            onProgress: (pr) => {
              bar?.setTotal(Math.max(1, pr.totalBytes));
              bar?.update(pr.bytes, { phase: pr.phase === "read" ? "read " : "write", name: pr.name });
            },
          });
        } finally {
          bar?.stop();
        }
        const rows = Object.entries(summary.rowsRead).map(([t, n]) => [t, fmtInt(n)]);
        console.log(table(["file", "rows"], rows));
        console.log();
        console.log(
          table(
            ["table", "new or changed"],
            Object.entries(summary.written).map(([t, n]) => [t, fmtInt(n)]),
          ),
        );
        console.log();
        console.log(
          `${summary.status === "unchanged" ? "Nothing changed" : "Imported"}: ${fmtInt(summary.customers)} customers ` +
            `(grain ${summary.grain}) into org ${org.slug} in ${(summary.seconds.read + summary.seconds.write).toFixed(2)} s`,
        );
        if (o.score) {
          const s = await scoreAndSave(db, org.id, config, undefined);
          console.log(`Scored ${fmtInt(s.customers)} customers as of ${s.asOf} in ${s.seconds.toFixed(2)} s`);
        }
      } finally {
        await closeDb(db);
      }
    });
}
