import path from "node:path";
import cliProgress from "cli-progress";
import type { Command } from "commander";
import { HoldfastError } from "../../core/errors.ts";
import { ticketsConfigSchema } from "../../core/tickets/config.ts";
import { evaluateAnalyzer, loadEvalSet } from "../../core/tickets/evaluate.ts";
import { analyzeTicketText } from "../../core/tickets/rules-analyzer.ts";
import { analyzeStoredTickets } from "../../usecases/analyze-tickets.ts";
import { createTicketAnalyzer } from "../../usecases/ticket-analyzer.ts";
import { fileSource } from "../../ingest/csv/sources.ts";
import { importTicketCsv, previewTicketCsv } from "../../ingest/tickets/import-ticket-csv.ts";
import { closeDb } from "../../store/open-store.ts";
import { ensureOrg } from "../../store/orgs.ts";
import { loadConfig, openFromOptions, resolveOrg, systemClock } from "../context.ts";
import { fmtInt, table } from "../format.ts";
import { scoreAndSave } from "./score.ts";

/** `holdfast import tickets <csv>`: support tickets with free text (seed 004's ticket CSV). */
export function registerTicketImport(imp: Command): void {
  imp
    .command("tickets <csv>")
    .description(
      "import support tickets with text (subject + body, or the best text column), linked to customers",
    )
    .option("--org <slug>", "org to import into (created when new)", "default")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .option("--preview", "only show which columns would be used")
    .action(async (file: string, o: { org: string; db?: string; preview?: boolean }) => {
      const source = fileSource(file);
      if (o.preview) {
        const p = await previewTicketCsv(source);
        console.log(`Columns: ${p.header.join(", ")}\n${p.notes.map((n) => `  ${n}`).join("\n")}`);
        return;
      }
      const db = await openFromOptions(o);
      try {
        const org = await ensureOrg(db, o.org, systemClock());
        const r = await importTicketCsv(db, org, source, {
          now: systemClock,
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
      } finally {
        await closeDb(db);
      }
    });
}

interface AnalyzeOpts {
  org?: string;
  db?: string;
  config?: string;
  limit?: string;
  timeout?: string;
  analyzer?: string;
  model?: string;
  url?: string;
  concurrency?: string;
}

function parseTicketsConfig(v: unknown) {
  const r = ticketsConfigSchema.safeParse(v);
  if (!r.success) {
    throw new HoldfastError("invalid_input", "Invalid ticket analyzer options", {
      details: r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    });
  }
  return r.data;
}

/** `holdfast tickets analyze|evaluate`. */
export function registerTickets(program: Command): void {
  const tickets = program
    .command("tickets")
    .description("support ticket text: analyze, evaluate the analyzer");
  tickets
    .command("analyze")
    .description("analyze stored tickets not yet analyzed by this analyzer, then rescore the org")
    .option("--org <slug>", "org (default: the only one)")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .option("--config <file>", "config (JSON, merged over the defaults)")
    .option("--limit <n>", "at most this many tickets")
    .option("--timeout <seconds>", "per-ticket timeout for model analyzers")
    .option("--analyzer <name>", "rules, ollama or openai (default: from config, rules)")
    .option("--model <name>", "model for ollama / openai")
    .option("--url <url>", "Ollama host or OpenAI-compatible base URL")
    .option("--concurrency <n>", "model calls at once")
    .action(async (o: AnalyzeOpts) => {
      const config = loadConfig(o.config);
      const overrides = parseTicketsConfig({
        ...config.tickets,
        ...(o.analyzer ? { analyzer: o.analyzer } : {}),
        ...(o.model ? { model: o.model } : {}),
        ...(o.url ? { url: o.url } : {}),
        ...(o.timeout ? { timeoutSeconds: Number(o.timeout) } : {}),
        ...(o.concurrency ? { concurrency: Number(o.concurrency) } : {}),
        ...(o.limit ? { batchLimit: Number(o.limit) } : {}),
      });
      const analyzer = createTicketAnalyzer(overrides);
      const db = await openFromOptions(o);
      const abort = new AbortController();
      process.once("SIGINT", () => abort.abort());
      try {
        const org = await resolveOrg(db, o.org);
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar(
              { format: "analyze [{bar}] {value}/{total}", stream: process.stderr },
              cliProgress.Presets.shades_classic,
            )
          : undefined;
        bar?.start(1, 0);
        const t0 = performance.now();
        const run = await analyzeStoredTickets(db, org.id, analyzer, {
          limit: overrides.batchLimit,
          concurrency: overrides.concurrency,
          now: systemClock,
          signal: abort.signal,
          onProgress: (done, total) => {
            bar?.setTotal(total);
            bar?.update(done);
          },
        });
        bar?.stop();
        const secs = (performance.now() - t0) / 1000;
        console.log(
          `${analyzer.name} (${analyzer.version}): ${fmtInt(run.analyzed)} of ${fmtInt(run.total)} tickets analyzed, ` +
            `${fmtInt(run.errors)} errors (${fmtInt(run.timeouts)} timeouts) in ${secs.toFixed(2)} s${run.cancelled ? "; cancelled" : ""}`,
        );
        const s = await scoreAndSave(db, org.id, config, undefined);
        console.log(`Rescored ${fmtInt(s.customers)} customers as of ${s.asOf}`);
      } finally {
        await closeDb(db);
      }
    });
  tickets
    .command("evaluate")
    .description(
      "precision, recall and F1 of churn intent, category and sentiment accuracy on the labeled set",
    )
    .option("--set <jsonl>", "labeled tickets (default: the committed evaluation set)")
    .option("--json", "print JSON")
    .action(async (o: { set?: string; json?: boolean }) => {
      const set = loadEvalSet(o.set);
      const t0 = performance.now();
      const report = await evaluateAnalyzer(analyzeTicketText, set);
      if (o.json) {
        console.log(JSON.stringify(report, null, 1));
        return;
      }
      const ci = report.churn_intent;
      const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
      console.log(
        `rules analyzer on ${fmtInt(report.tickets)} labeled tickets (${((performance.now() - t0) / 1000).toFixed(2)} s)\n`,
      );
      console.log(
        table(
          ["churn intent precision", "recall", "F1", "category accuracy", "sentiment accuracy"],
          [
            [
              pct(ci.precision),
              pct(ci.recall),
              pct(ci.f1),
              pct(report.category.accuracy),
              pct(report.sentiment.accuracy),
            ],
          ],
        ),
      );
      console.log();
      console.log(
        table(
          ["category", "tickets", "accuracy"],
          Object.entries(report.category.per_category).map(([k, v]) => [k, fmtInt(v.n), pct(v.accuracy)]),
        ),
      );
    });
}
