/**
 * `npm run bench -- tickets [--count 100000] [--stored yes|no]`: the default (rules) ticket
 * analyzer. Prints the evaluation figures on the labeled set (what `holdfast tickets evaluate`
 * prints), the in-process rate over N synthetic tickets of realistic length and at three fixed
 * lengths, and the stored path: import a CSV of the same tickets into a fresh SQLite store and
 * analyze them from the store (what `holdfast import tickets` + `holdfast tickets analyze` do,
 * without the rescoring).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseConfig } from "../src/core/config.ts";
import { DEFAULT_TICKETS } from "../src/core/tickets/config.ts";
import { evaluateAnalyzer } from "../src/core/tickets/evaluate.ts";
import { analyzeTicketText, createRulesAnalyzer, RULES_VERSION } from "../src/core/tickets/rules-analyzer.ts";
import { fileSource } from "../src/ingest/csv/sources.ts";
import { closeDb, openDb } from "../src/store/open-store.ts";
import { ensureOrg } from "../src/store/orgs.ts";
import { analyzeStoredTickets } from "../src/usecases/analyze-tickets.ts";
import { loadEvalSet } from "../src/usecases/evaluate-tickets.ts";
import { importTickets } from "../src/usecases/import-tickets.ts";
import { type SyntheticTicket, ticketCorpus } from "./ticket-corpus.ts";

const since = (t0: number) => (performance.now() - t0) / 1000;
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function quantile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))]!;
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

function writeCsv(file: string, tickets: readonly SyntheticTicket[]): void {
  const fd = fs.openSync(file, "w");
  try {
    fs.writeSync(fd, "ticket_id,subject,body,created_at\n");
    for (let i = 0; i < tickets.length; i += 5_000) {
      const chunk = tickets
        .slice(i, i + 5_000)
        .map((t) => `${t.id},${csvField(t.subject)},${csvField(t.body)},${t.submittedAt}\n`)
        .join("");
      fs.writeSync(fd, chunk);
    }
  } finally {
    fs.closeSync(fd);
  }
}

async function evaluation(): Promise<void> {
  const set = loadEvalSet();
  const t0 = performance.now();
  const r = await evaluateAnalyzer(analyzeTicketText, set);
  const ci = r.churn_intent;
  console.log(`\n## evaluation: rules analyzer (${RULES_VERSION}) on ${set.length} labeled tickets`);
  console.log("| churn intent precision | recall | F1 | category accuracy | sentiment accuracy | s |");
  console.log("|---|---|---|---|---|---|");
  console.log(
    `| ${pct(ci.precision)} (${ci.tp} / ${ci.tp + ci.fp}) | ${pct(ci.recall)} (${ci.tp} / ${ci.tp + ci.fn}) | ${pct(ci.f1)} | ${pct(r.category.accuracy)} | ${pct(r.sentiment.accuracy)} | ${since(t0).toFixed(2)} |`,
  );
  console.log(
    `per category: ${Object.entries(r.category.per_category)
      .map(([k, v]) => `${k} ${pct(v.accuracy)} of ${v.n}`)
      .join(", ")}`,
  );
}

function inProcess(tickets: readonly SyntheticTicket[]): void {
  const texts = tickets.map((t) => `${t.subject} ${t.body}`.trim());
  const lens = texts.map((t) => t.length).sort((a, b) => a - b);
  const mean = lens.reduce((a, b) => a + b, 0) / lens.length;
  console.log(`\n## in process: analyzeTicketText over ${int(texts.length)} synthetic tickets`);
  console.log(
    `length (subject + body, characters): median ${int(quantile(lens, 0.5))}, mean ${int(mean)}, ` +
      `p10 ${int(quantile(lens, 0.1))}, p90 ${int(quantile(lens, 0.9))}, p99 ${int(quantile(lens, 0.99))}, ` +
      `max ${int(lens.at(-1)!)}; over the analyzer's 4,000-character cap: ${int(lens.filter((l) => l > 4000).length)}`,
  );
  const t0 = performance.now();
  let churn = 0;
  const categories = new Map<string, number>();
  for (const t of texts) {
    const a = analyzeTicketText(t);
    if (a.churn_intent) churn++;
    categories.set(a.category, (categories.get(a.category) ?? 0) + 1);
  }
  const s = since(t0);
  console.log("| tickets | total s | tickets/s | µs per ticket (mean) |");
  console.log("|---|---|---|---|");
  console.log(
    `| ${int(texts.length)} | ${s.toFixed(2)} | ${int(texts.length / s)} | ${((s * 1e6) / texts.length).toFixed(0)} |`,
  );
  console.log(
    `results: churn intent ${pct(churn / texts.length)}; ${[...categories]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${pct(v / texts.length)}`)
      .join(", ")}`,
  );
}

function fixedLengths(corpus: ReturnType<typeof ticketCorpus>): void {
  console.log("\n## in process at fixed lengths (5,000 tickets each)");
  console.log("| length (characters) | µs per ticket | tickets/s |");
  console.log("|---|---|---|");
  for (const chars of [100, 1_000, 4_000]) {
    const texts = corpus.fixedLength(5_000, chars);
    const mean = texts.reduce((a, t) => a + t.length, 0) / texts.length;
    const t0 = performance.now();
    for (const t of texts) analyzeTicketText(t);
    const s = since(t0);
    console.log(
      `| ~${int(chars)} (mean ${int(mean)}) | ${((s * 1e6) / texts.length).toFixed(0)} | ${int(texts.length / s)} |`,
    );
  }
}

async function stored(tickets: readonly SyntheticTicket[]): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "holdfast-tickets-"));
  try {
    const csv = path.join(work, "tickets.csv");
    writeCsv(csv, tickets);
    const mib = fs.statSync(csv).size / 2 ** 20;
    const db = await openDb({ sqlitePath: path.join(work, "bench.db") });
    try {
      const org = await ensureOrg(db, "bench-tickets", new Date());
      let t0 = performance.now();
      const imp = await importTickets(
        { db, defaults: parseConfig({}), now: () => new Date() },
        org.id,
        fileSource(csv),
        {
          actor: "bench",
          sourceLabel: csv,
          refresh: false, // analysis is timed on its own below
        },
      );
      const importSec = since(t0);
      t0 = performance.now();
      const run = await analyzeStoredTickets(db, org.id, createRulesAnalyzer(), {
        limit: tickets.length,
        concurrency: DEFAULT_TICKETS.concurrency,
        now: () => new Date(),
      });
      const analyzeSec = since(t0);
      const churn = await db.kysely
        .selectFrom("ticket_analyses")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("org_id", "=", org.id)
        .where("churn_intent", "=", 1)
        .executeTakeFirstOrThrow();
      console.log(
        `\n## stored path, fresh SQLite store (${int(tickets.length)} tickets, CSV ${mib.toFixed(1)} MiB)`,
      );
      console.log("| step | s | tickets/s |");
      console.log("|---|---|---|");
      console.log(
        `| import the CSV (read, validate, write) | ${importSec.toFixed(2)} | ${int(imp.rows / importSec)} |`,
      );
      console.log(
        `| analyze from the store (select, analyze, save ${int(run.analyzed)} analyses) | ${analyzeSec.toFixed(2)} | ${int(run.total / analyzeSec)} |`,
      );
      console.log(`| import + analyze | ${(importSec + analyzeSec).toFixed(2)} | |`);
      console.log(`stored results: ${int(Number(churn.n))} with churn intent, ${int(run.errors)} errors`);
    } finally {
      await closeDb(db);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export async function ticketsBench(count: number, withStore: boolean): Promise<void> {
  console.log(
    `tickets: ${int(count)} synthetic tickets (${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version})`,
  );
  await evaluation();
  const corpus = ticketCorpus();
  const t0 = performance.now();
  const tickets = corpus.realistic(count);
  console.log(`\n(generated in ${since(t0).toFixed(2)} s)`);
  inProcess(tickets);
  fixedLengths(corpus);
  if (withStore) await stored(tickets);
  console.log(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}
