import path from "node:path";
import cliProgress from "cli-progress";
import type { Command } from "commander";
import { HoldfastError } from "../../core/errors.ts";
import { fileSource } from "../../ingest/csv/sources.ts";
import { ravenstackSourcesFromPath } from "../../ingest/ravenstack/sources.ts";
import { requireOrg } from "../../usecases/ensure-org.ts";
import { GRAINS, type Grain, importRavenstack } from "../../usecases/import-ravenstack.ts";
import { importTickets, previewTicketCsv } from "../../usecases/import-tickets.ts";
import { loadEventsWorkspace } from "../../usecases/load-events-workspace.ts";
import { withContext } from "../context.ts";
import { fmtInt, table } from "../format.ts";

interface ImportOpts {
  grain: string;
  org: string;
  db?: string;
  config?: string;
  score: boolean;
}

function progressBar(format: string) {
  return process.stderr.isTTY
    ? new cliProgress.SingleBar(
        { format, hideCursor: true, stream: process.stderr },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
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
    .action(async (dir: string, o: { org: string; db?: string; config?: string; asOf?: string }) =>
      withContext(o, async (ctx) => {
        // A new org is created with the data: a refused load leaves none behind.
        const org = { slug: o.org };
        const bar = progressBar("{phase} [{bar}] {percentage}% | {value}/{total}");
        bar?.start(1, 0, { phase: "validate" });
        let r: Awaited<ReturnType<typeof loadEventsWorkspace>>;
        try {
          r = await loadEventsWorkspace(ctx, org, path.resolve(dir), {
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
        console.log(`\nLoaded into org ${org.slug} (scores as of ${r.asOf}) in ${r.seconds.toFixed(2)} s`);
      }),
    );
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
      const sources = ravenstackSourcesFromPath(p);
      await withContext(o, async (ctx) => {
        // A new org is created with the data: a refused or killed import leaves none behind.
        const org = { slug: o.org };
        const bar = progressBar("{phase} [{bar}] {percentage}% | {name}");
        bar?.start(1, 0, { phase: "read ", name: "" });
        let summary: Awaited<ReturnType<typeof importRavenstack>>;
        try {
          summary = await importRavenstack(ctx, org, sources, {
            grain: o.grain as Grain,
            source: path.resolve(p),
            actor: "cli",
            refresh: o.score,
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
        const s = summary.refresh;
        if (s) {
          console.log(
            `Scored ${fmtInt(s.customers)} customers as of ${s.asOf} in ${(s.ms / 1000).toFixed(2)} s` +
              (s.ticketsAnalyzed > 0 ? ` (${fmtInt(s.ticketsAnalyzed)} tickets analyzed)` : ""),
          );
        }
      });
    });
}

/** `holdfast import tickets <csv>`: support tickets with free text (seed 004's ticket CSV). */
function registerTicketImport(imp: Command): void {
  imp
    .command("tickets <csv>")
    .description(
      "import support tickets with text (subject + body, or the best text column), linked to customers, then rescore those customers",
    )
    .option("--org <slug>", "org to import into (must exist: tickets link to its customers)", "default")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .option("--config <file>", "scoring config (JSON, merged over the defaults)")
    .option("--preview", "only show which columns would be used")
    .action(async (file: string, o: { org: string; db?: string; config?: string; preview?: boolean }) => {
      const source = fileSource(file);
      if (o.preview) {
        const p = await previewTicketCsv(source);
        console.log(`Columns: ${p.header.join(", ")}\n${p.notes.map((n) => `  ${n}`).join("\n")}`);
        return;
      }
      await withContext(o, async (ctx) => {
        const org = await requireOrg(
          ctx,
          o.org,
          "tickets link to an org's customers; import them first (holdfast import ravenstack|events --org <slug>)",
        );
        const r = await importTickets(ctx, org.id, source, {
          actor: "cli",
          sourceLabel: path.resolve(file),
        });
        for (const n of r.preview) console.log(`  ${n}`);
        console.log();
        console.log(
          table(
            [
              "tickets",
              "by customer id",
              "by account id",
              "by email domain",
              "unlinked",
              "text cut",
              "new or changed",
            ],
            [
              [
                r.rows,
                r.linked.customer_id,
                r.linked.account_id,
                r.linked.email_domain,
                r.unlinked,
                r.truncated,
                r.written,
              ].map(fmtInt),
            ],
          ),
        );
        if (r.unlinked > 0)
          console.log(
            `\n${fmtInt(r.unlinked)} tickets match no customer: kept, shown as unlinked, never guessed.`,
          );
        if (r.refresh)
          console.log(
            `\nRescored ${fmtInt(r.refresh.customers)} linked customers as of ${r.refresh.asOf} (${fmtInt(r.refresh.ticketsAnalyzed)} tickets analyzed)`,
          );
      });
    });
}
