// node bench/plays-demo.ts [customers] [days]: the demo workspace with every tactic ticked daily
// over its last N days (a daily refresh as of each day, then a tick at 03:00 UTC); prints the
// per-tactic counts. Figures, never assertions. SQLite in a temp directory.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseConfig } from "../src/core/config.ts";
import { addDays } from "../src/core/util/dates.ts";
import { closeDb, openDb } from "../src/store/open-store.ts";
import { ensureOrg } from "../src/store/orgs.ts";
import { listOutbox } from "../src/store/plays/outbox.ts";
import { advanceCursor, readScoreChanges } from "../src/store/score-changes.ts";
import { loadDemoWorkspace } from "../src/usecases/load-demo-workspace.ts";
import { refreshOrg } from "../src/usecases/refresh-org.ts";
import { PLAYS_CONSUMER, runPlaysTick, type TacticCounts } from "../src/usecases/run-plays-tick.ts";

const customers = Number(process.argv[2] ?? 1000);
const days = Number(process.argv[3] ?? 30);
const END = "2026-11-30";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "holdfast-plays-demo-"));
const db = await openDb({ sqlitePath: path.join(dir, "demo.db") });
let clock = new Date(`${END}T03:00:00Z`);
const ctx = { db, defaults: parseConfig({}), now: () => clock };
const org = await ensureOrg(db, "demo", clock);
const load = await loadDemoWorkspace(ctx, org.id, { customers, seed: 42, end: END, months: 18 });
console.log(
  `demo: ${load.customers} customers, ${load.events} events, loaded in ${load.seconds.toFixed(1)} s`,
);
// Baseline: scores as of the first day, every earlier change consumed.
const first = addDays(END, -days);
clock = new Date(`${first}T03:00:00Z`);
await refreshOrg(ctx, org.id, "daily", { asOf: first, actor: "bench" });
let lastChange = 0;
for (let batch = await readScoreChanges(db, org.id, 0, 10_000); batch.length > 0; ) {
  lastChange = batch.at(-1)!.id;
  batch = await readScoreChanges(db, org.id, lastChange, 10_000);
}
await advanceCursor(db, org.id, PLAYS_CONSUMER, lastChange);
const total: Record<string, TacticCounts> = {};
let tickMs = 0;
let changes = 0;
let ticked = 0;
for (let d = 1; d <= days; d++) {
  const day = addDays(first, d);
  clock = new Date(`${day}T03:00:00Z`);
  const r = await refreshOrg(ctx, org.id, "daily", { asOf: day, actor: "bench" });
  changes += r.changes;
  const t = performance.now();
  const ticks = [await runPlaysTick(ctx, org.id, { asOf: clock, actor: "bench" })];
  tickMs += performance.now() - t;
  ticked++;
  // The step timer (a queued plays_tick job in production): ticks when deferred steps fall due.
  for (let i = 0; i < 3; i++) {
    const due = ticks.at(-1)!.nextDueAt;
    if (!due || due.slice(0, 10) !== day) break;
    clock = new Date(due);
    const t2 = performance.now();
    ticks.push(await runPlaysTick(ctx, org.id, { asOf: clock, actor: "bench" }));
    tickMs += performance.now() - t2;
    ticked++;
  }
  for (const [slug, c] of ticks.flatMap((x) => Object.entries(x.counts))) {
    const x = total[slug] ?? { eligible: 0, started: 0, fired: 0, deferred: 0, suppressed: {}, inFlight: 0 };
    total[slug] = x;
    x.eligible += c.eligible;
    x.started += c.started;
    x.fired += c.fired;
    x.deferred += c.deferred;
    x.inFlight = c.inFlight;
    for (const [k, n] of Object.entries(c.suppressed)) x.suppressed[k] = (x.suppressed[k] ?? 0) + n;
  }
}
const outbox = await listOutbox(db, org.id, 1_000_000);
console.log(
  `${days} daily ticks: ${changes} score changes, ${outbox.length} outbox rows, ${ticked} ticks (daily + timers), ${(tickMs / ticked / 1000).toFixed(2)} s/tick`,
);
console.log("tactic | eligible | started | fired | deferred | in flight (end) | suppressed by rule");
for (const [slug, c] of Object.entries(total).sort((a, b) => a[0].localeCompare(b[0])))
  console.log(
    `${slug} | ${c.eligible} | ${c.started} | ${c.fired} | ${c.deferred} | ${c.inFlight} | ${Object.entries(
      c.suppressed,
    )
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(", ")}`,
  );
const byChannel: Record<string, number> = {};
for (const r of outbox)
  byChannel[`${r.channel}/${r.status}`] = (byChannel[`${r.channel}/${r.status}`] ?? 0) + 1;
console.log("outbox by channel/status:", JSON.stringify(byChannel));
await closeDb(db);
fs.rmSync(dir, { recursive: true, force: true });
