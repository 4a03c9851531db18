import fs from "node:fs";
import path from "node:path";
import { WORKSPACE_FILES } from "../../ingest/events/import-events-workspace.ts";
import { DEMO_PLANS } from "./plans.ts";
import { simulateWorkspace, type WorkspaceOptions } from "./simulate.ts";

const csvCell = (v: unknown) => (v === null || v === undefined ? "" : String(v));

/**
 * Writes the demo workspace as files `holdfast import events` loads: plans.json,
 * customers.ndjson, events.ndjson (time-ordered within each customer), and ground_truth.csv.
 */
export async function writeEventsWorkspace(
  dir: string,
  o: WorkspaceOptions,
): Promise<{ customers: number; events: number; churned: number }> {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, WORKSPACE_FILES.plans), `${JSON.stringify(DEMO_PLANS, null, 1)}\n`);
  const customers = fs.createWriteStream(path.join(dir, WORKSPACE_FILES.customers));
  const events = fs.createWriteStream(path.join(dir, WORKSPACE_FILES.events));
  const truth = fs.createWriteStream(path.join(dir, "ground_truth.csv"));
  truth.write("customer_id,churn_propensity,expansion_propensity,churned_on,churn_reason,upgraded_on\n");
  const write = (s: fs.WriteStream, text: string) =>
    s.write(text) ? Promise.resolve() : new Promise<void>((r) => s.once("drain", () => r()));
  let nEvents = 0;
  let churned = 0;
  let n = 0;
  for (const c of simulateWorkspace(o)) {
    n++;
    await write(customers, `${JSON.stringify(c.customer)}\n`);
    await write(events, c.events.map((e) => JSON.stringify(e)).join("\n") + (c.events.length ? "\n" : ""));
    nEvents += c.events.length;
    if (c.truth.churned_on) churned++;
    const t = c.truth;
    await write(
      truth,
      `${[t.customer_id, t.churn_propensity, t.expansion_propensity, t.churned_on, t.churn_reason, t.upgraded_on].map(csvCell).join(",")}\n`,
    );
  }
  await Promise.all([customers, events, truth].map((s) => new Promise((r) => s.end(r))));
  return { customers: n, events: nEvents, churned };
}
