import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { z } from "zod";
import { CustomerUpsert, PlanUpsert } from "../../core/customers/schema.ts";
import { HoldfastError } from "../../core/errors.ts";
import { EVENT_LIMITS } from "../../core/events/schema.ts";
import { parseEventBatch } from "./parse-events.ts";

/** A folder of `plans.json`, `customers.ndjson` and `events.ndjson` (the demo generator's format). */
export const WORKSPACE_FILES = {
  plans: "plans.json",
  customers: "customers.ndjson",
  events: "events.ndjson",
} as const;

const PlanFile = z.array(PlanUpsert.extend({ tier: z.string().min(1).max(100) }));
const CustomerLine = CustomerUpsert.extend({ id: z.string().min(1).max(200) });
export type WorkspacePlan = z.infer<typeof PlanFile>[number];
export type WorkspaceCustomer = z.infer<typeof CustomerLine>;

const MAX_ERRORS = 50;

/** Lines of an NDJSON file in chunks of `size` non-blank lines, each line with its number. */
export async function* ndjsonChunks(
  file: string,
  size: number,
): AsyncGenerator<{ text: string; lines: number[] }> {
  const rl = readline.createInterface({
    input: fs.createReadStream(file, "utf8"),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let buf: string[] = [];
  let lines: number[] = [];
  let n = 0;
  for await (const line of rl) {
    n++;
    if (line.trim() === "") continue;
    buf.push(line.replaceAll("\u0000", ""));
    lines.push(n);
    if (buf.length === size) {
      yield { text: buf.join("\n"), lines };
      buf = [];
      lines = [];
    }
  }
  if (buf.length > 0) yield { text: buf.join("\n"), lines };
}

function requireFile(dir: string, name: string): string {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) throw new HoldfastError("import_failed", `${name}: missing in ${dir}`);
  return file;
}

/**
 * Reads and validates a workspace folder completely; throws `import_failed` with
 * `file:line: field: reason` lines (up to a cap, then a count) before anything is written.
 * Returns plans and customers (small) and the path of the events file (streamed on load).
 */
export async function validateEventsWorkspace(
  dir: string,
  now: Date,
): Promise<{ plans: WorkspacePlan[]; customers: WorkspaceCustomer[]; eventsFile: string; events: number }> {
  const errors: string[] = [];
  let errorCount = 0;
  const fail = (msg: string) => {
    errorCount++;
    if (errors.length < MAX_ERRORS) errors.push(msg);
  };

  const plansPath = path.join(dir, WORKSPACE_FILES.plans);
  let plans: WorkspacePlan[] = [];
  if (fs.existsSync(plansPath)) {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(plansPath, "utf8"));
    } catch (e) {
      fail(`${WORKSPACE_FILES.plans}: not valid JSON (${(e as Error).message})`);
    }
    if (raw !== undefined) {
      const r = PlanFile.safeParse(raw);
      if (r.success) plans = r.data;
      else
        for (const i of r.error.issues) fail(`${WORKSPACE_FILES.plans}: ${i.path.join(".")}: ${i.message}`);
    }
  }

  const customers: WorkspaceCustomer[] = [];
  const customersPath = path.join(dir, WORKSPACE_FILES.customers);
  if (fs.existsSync(customersPath)) {
    for await (const chunk of ndjsonChunks(customersPath, 1000)) {
      const texts = chunk.text.split("\n");
      texts.forEach((t, i) => {
        const line = chunk.lines[i]!;
        let raw: unknown;
        try {
          raw = JSON.parse(t);
        } catch {
          fail(`${WORKSPACE_FILES.customers}:${line}: (line): not valid JSON`);
          return;
        }
        const r = CustomerLine.safeParse(raw);
        if (r.success) customers.push(r.data);
        else {
          const issue = r.error.issues[0]!;
          fail(`${WORKSPACE_FILES.customers}:${line}: ${issue.path.join(".") || "(line)"}: ${issue.message}`);
        }
      });
    }
  }

  const eventsFile = requireFile(dir, WORKSPACE_FILES.events);
  let events = 0;
  for await (const chunk of ndjsonChunks(eventsFile, EVENT_LIMITS.maxBatch)) {
    const parsed = parseEventBatch(chunk.text, now);
    events += parsed.events.length;
    for (const r of parsed.rejected) {
      fail(
        `${WORKSPACE_FILES.events}:${chunk.lines[r.index]}: ${r.field}: ${r.reason.replace(/^line \d+: /, "")}`,
      );
    }
  }
  if (errorCount > 0) {
    const more = errorCount > errors.length ? [`... and ${errorCount - errors.length} more errors`] : [];
    throw new HoldfastError(
      "import_failed",
      `The events workspace in ${dir} was refused; nothing was written`,
      {
        details: [...errors, ...more],
      },
    );
  }
  return { plans, customers, eventsFile, events };
}
