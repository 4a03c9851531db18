// Load generator for the ingest benchmark, in its own process: posts pre-built JSON batches of
// events over HTTP with a fixed number of requests in flight, and prints figures as JSON.
// argv: <base url> <key> <customers> <events> <batch size> <in flight>
const [base, key, customersArg, eventsArg, batchArg, flightArg] = process.argv.slice(2);
const customers = Number(customersArg);
const total = Number(eventsArg);
const batchSize = Number(batchArg);
const inFlight = Number(flightArg);

const FEATURES = ["reports", "dashboards", "exports", "alerts", "api_keys", "workflows", "search", "sharing"];
const PAGES = ["dashboard", "billing", "pricing", "help", "settings", "integrations"];
const DAY0 = Date.parse("2026-01-01T00:00:00Z");

/**
 * Deterministic, varied events (sessions, feature use, API calls, page views) arriving in time
 * order as live traffic does, over DAYS days, customers interleaved.
 */
const DAYS = 7;
function event(i: number) {
  const customer = `cust-${(i * 7919) % customers}`;
  const ts = new Date(DAY0 + Math.floor((i / total) * DAYS * 86_400) * 1000).toISOString();
  const kind = i % 10;
  const base = { id: `ev-${i}`, customer_id: customer, timestamp: ts };
  if (kind < 2) return { ...base, type: "session_start", properties: {} };
  if (kind < 6)
    return {
      ...base,
      type: "feature_used",
      properties: {
        feature: FEATURES[i % FEATURES.length],
        category: "core",
        count: 1 + (i % 5),
        duration_secs: 30,
        errors: i % 17 === 0 ? 1 : 0,
      },
    };
  if (kind < 8) return { ...base, type: "api_calls", properties: { count: 10 + (i % 90) } };
  return { ...base, type: "page_view", properties: { page: PAGES[i % PAGES.length] } };
}

const bodies: string[] = [];
for (let start = 0; start < total; start += batchSize) {
  const batch = [];
  for (let i = start; i < Math.min(total, start + batchSize); i++) batch.push(event(i));
  bodies.push(JSON.stringify(batch));
}

const latencies: number[] = [];
let accepted = 0;
let next = 0;
const t0 = performance.now();
async function worker() {
  while (next < bodies.length) {
    const body = bodies[next++]!;
    const t = performance.now();
    const res = await fetch(`${base}/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body,
    });
    const out = (await res.json()) as { accepted: number };
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(out)}`);
    latencies.push(performance.now() - t);
    accepted += out.accepted;
  }
}
await Promise.all(Array.from({ length: inFlight }, worker));
const seconds = (performance.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
console.log(
  JSON.stringify({
    events: total,
    accepted,
    seconds,
    eventsPerSecond: total / seconds,
    p50: q(0.5),
    p95: q(0.95),
    batches: bodies.length,
  }),
);
