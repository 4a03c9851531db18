// npm run bench -- <name> [options]: benchmarks that print figures (never assertions).
import { parseArgs } from "node:util";
import { apiBench } from "./api.ts";
import { backfillBench } from "./backfill.ts";
import { emailBench } from "./email.ts";
import { facetsBench } from "./facets.ts";
import { importScoreBench } from "./import-score.ts";
import { ingestBench } from "./ingest.ts";
import { modelBench } from "./model.ts";
import { playsTickBench } from "./plays-tick.ts";
import { recomputeBench } from "./recompute.ts";
import { soakBench } from "./soak.ts";
import { ticketsBench } from "./tickets.ts";
import { webhooksBench } from "./webhooks.ts";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    scale: { type: "string", default: "10" },
    store: { type: "string", default: "sqlite" },
    events: { type: "string", default: "1000000" },
    customers: { type: "string", default: "100000" },
    "active-days": { type: "string", default: "20" },
    count: { type: "string", default: "100000" },
    stored: { type: "string", default: "yes" },
    batch: { type: "string", default: "5000" },
    "in-flight": { type: "string", default: "4" },
    minutes: { type: "string", default: "10" },
    runs: { type: "string", default: "20" },
    rows: { type: "string", default: "1000000" },
    features: { type: "string", default: "60" },
    compare: { type: "string", default: "yes" },
  },
});
const name = positionals[0] ?? "import-score";
if (name === "import-score") {
  await importScoreBench(Number(values.scale), values.store!);
} else if (name === "api") {
  await apiBench(Number(values.scale));
} else if (name === "backfill") {
  await backfillBench(Number(values.customers), values.store!);
} else if (name === "recompute") {
  await recomputeBench(Number(values.customers), Number(values["active-days"]));
} else if (name === "ingest") {
  await ingestBench(values.store!, Number(values.events), Number(values.batch), Number(values["in-flight"]));
} else if (name === "tickets") {
  await ticketsBench(Number(values.count), values.stored !== "no");
} else if (name === "facets") {
  await facetsBench(Number(values.customers), values.store!, Number(values.runs));
} else if (name === "plays-tick") {
  await playsTickBench(Number(values.customers), [1_000, 10_000, 100_000]);
} else if (name === "model") {
  await modelBench(Number(values.rows), Number(values.features), values.compare !== "no");
} else if (name === "webhooks") {
  await webhooksBench(Number(values.count === "100000" ? "10000" : values.count), values.store!);
} else if (name === "email") {
  await emailBench(Number(values.count === "100000" ? "10000" : values.count), values.store!);
} else if (name === "soak") {
  await soakBench(values.store!, Number(values.minutes));
} else {
  console.error(
    `unknown benchmark ${name}; available: import-score [--scale K] [--store sqlite|postgres], api [--scale K], ingest [--store sqlite|postgres] [--events N] [--batch N] [--in-flight N], tickets [--count N] [--stored yes|no], soak [--store sqlite|postgres] [--minutes N], facets [--customers N] [--store sqlite|postgres] [--runs N]`,
  );
  process.exit(2);
}
