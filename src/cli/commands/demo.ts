import path from "node:path";
import type { Command } from "commander";
import { HoldfastError } from "../../core/errors.ts";
import { addDays, dayOf, isIsoDay } from "../../core/util/dates.ts";
import { writeDemo } from "../../demo/generate-ravenstack.ts";
import { writeEventsWorkspace } from "../../demo/workspace/write-workspace.ts";
import { systemClock } from "../context.ts";
import { fmtInt, table } from "../format.ts";

function positiveInt(flag: string, v: string, max: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new HoldfastError(
      "invalid_input",
      `${flag} must be a whole number from 1 to ${fmtInt(max)} (got ${JSON.stringify(v)})`,
    );
  }
  return n;
}

export function registerDemo(program: Command): void {
  const demo = program.command("demo").description("synthetic demo data with known ground truth");
  demo
    .command("generate")
    .description("write RavenStack-format CSVs and ground_truth.csv from a seeded generator")
    .requiredOption("--out <dir>", "folder to write into")
    .option("--customers <n>", "number of customers (accounts)", "2000")
    .option("--seed <n>", "random seed (same seed, same data)", "42")
    .option("--end <date>", "last day of the data (default: yesterday)")
    .option("--months <n>", "months of history", "18")
    .option(
      "--events",
      "write the events workspace instead (plans.json, customers.ndjson, events.ndjson, ground_truth.csv) for `holdfast import events`",
    )
    .action(
      async (o: {
        out: string;
        customers: string;
        seed: string;
        end?: string;
        months: string;
        events?: boolean;
      }) => {
        const end = o.end ?? addDays(dayOf(systemClock()), -1);
        if (!isIsoDay(end))
          throw new HoldfastError(
            "invalid_input",
            `--end must be a date YYYY-MM-DD (got ${JSON.stringify(end)})`,
          );
        const t0 = performance.now();
        if (o.events) {
          const r = await writeEventsWorkspace(o.out, {
            customers: positiveInt("--customers", o.customers, 2_000_000),
            seed: positiveInt("--seed", o.seed, 2 ** 31 - 1),
            months: positiveInt("--months", o.months, 120),
            end,
          });
          console.log(
            `Wrote ${path.resolve(o.out)}: ${fmtInt(r.customers)} customers (${fmtInt(r.churned)} churn), ${fmtInt(r.events)} events to ${end} in ${((performance.now() - t0) / 1000).toFixed(2)} s`,
          );
          return;
        }
        const { counts } = await writeDemo(o.out, {
          customers: positiveInt("--customers", o.customers, 2_000_000),
          seed: positiveInt("--seed", o.seed, 2 ** 31 - 1),
          months: positiveInt("--months", o.months, 120),
          end,
        });
        console.log(
          table(
            ["file", "rows"],
            Object.entries(counts).map(([k, v]) => [k, fmtInt(v)]),
          ),
        );
        console.log(
          `\nWrote ${path.resolve(o.out)} (data to ${end}) in ${((performance.now() - t0) / 1000).toFixed(2)} s`,
        );
      },
    );
}
