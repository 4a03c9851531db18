import cliProgress from "cli-progress";
import type { Command } from "commander";
import { HoldfastError } from "../../core/errors.ts";
import { ticketsConfigSchema } from "../../core/tickets/config.ts";
import { evaluateTickets } from "../../usecases/evaluate-tickets.ts";
import { runTicketAnalysis } from "../../usecases/run-ticket-analysis.ts";
import { crossValidateLabeledSet } from "../../usecases/ticket-classifier.ts";
import { resolveOrg, withContext } from "../context.ts";
import { fmtInt, table } from "../format.ts";

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
    .action(async (o: AnalyzeOpts) =>
      withContext(o, async (ctx) => {
        const overrides = parseTicketsConfig({
          ...ctx.defaults.tickets,
          ...(o.analyzer ? { analyzer: o.analyzer } : {}),
          ...(o.model ? { model: o.model } : {}),
          ...(o.url ? { url: o.url } : {}),
          ...(o.timeout ? { timeoutSeconds: Number(o.timeout) } : {}),
          ...(o.concurrency ? { concurrency: Number(o.concurrency) } : {}),
          ...(o.limit ? { batchLimit: Number(o.limit) } : {}),
        });
        const abort = new AbortController();
        process.once("SIGINT", () => abort.abort());
        const org = await resolveOrg(ctx, o.org);
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar(
              { format: "analyze [{bar}] {value}/{total}", stream: process.stderr },
              cliProgress.Presets.shades_classic,
            )
          : undefined;
        bar?.start(1, 0);
        let run: Awaited<ReturnType<typeof runTicketAnalysis>>;
        try {
          run = await runTicketAnalysis(ctx, org.id, overrides, {
            actor: "cli",
            signal: abort.signal,
            onProgress: (done, total) => {
              bar?.setTotal(total);
              bar?.update(done);
            },
          });
        } finally {
          bar?.stop();
        }
        console.log(
          `${run.analyzer} (${run.version}): ${fmtInt(run.analyzed)} of ${fmtInt(run.total)} tickets analyzed, ` +
            `${fmtInt(run.errors)} errors (${fmtInt(run.timeouts)} timeouts) in ${run.seconds.toFixed(2)} s${run.cancelled ? "; cancelled" : ""}`,
        );
        if (run.classifier) {
          const c = run.classifier;
          const p = (x: number) => `${(x * 100).toFixed(1)}%`;
          console.log(
            `Category, five-fold accuracy: rules ${p(c.rules)}, classifier ${p(c.classifier)}, blend ${p(c.blend)}; ${c.useBlend ? "the blend answers" : "the rules answer"}`,
          );
        }
        console.log(`Rescored ${fmtInt(run.refresh.customers)} customers as of ${run.refresh.asOf}`);
      }),
    );
  tickets
    .command("evaluate")
    .description(
      "precision, recall and F1 of churn intent, category and sentiment accuracy on the labeled set",
    )
    .option("--set <jsonl>", "labeled tickets (default: the committed evaluation set)")
    .option(
      "--folds <k>",
      "category accuracy by fold (fnv1a_32(text) % k) of the rules, the classifier and the blend",
    )
    .option("--json", "print JSON")
    .action(async (o: { set?: string; folds?: string; json?: boolean }) => {
      const t0 = performance.now();
      if (o.folds !== undefined) {
        const k = Number(o.folds);
        if (!Number.isInteger(k) || k < 2 || k > 20)
          throw new HoldfastError(
            "invalid_input",
            `--folds: expected a whole number from 2 to 20 (got ${o.folds})`,
          );
        const cv = crossValidateLabeledSet({ setPath: o.set, folds: k });
        if (o.json) {
          console.log(JSON.stringify(cv, null, 1));
          return;
        }
        const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
        console.log(
          `category accuracy on ${fmtInt(cv.tickets)} labeled tickets, ${k} folds by fnv1a_32(text) (${((performance.now() - t0) / 1000).toFixed(2)} s)\n`,
        );
        console.log(
          table(
            ["fold", "tickets", "rules", "classifier", "blend"],
            [
              ...cv.folds.map((f) => [
                String(f.fold),
                fmtInt(f.tickets),
                pct(f.rules),
                pct(f.classifier),
                pct(f.blend),
              ]),
              [
                "all",
                fmtInt(cv.tickets),
                pct(cv.overall.rules),
                pct(cv.overall.classifier),
                pct(cv.overall.blend),
              ],
            ],
          ),
        );
        console.log(
          `\n${cv.useBlend ? "the blend beats the rules: it is used" : "the blend does not beat the rules: the rules alone answer"}`,
        );
        return;
      }
      const report = await evaluateTickets({ setPath: o.set });
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
