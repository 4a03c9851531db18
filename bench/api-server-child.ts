// The service on an existing store, in its own process, for the API and ingest benchmarks.
// argv: <sqlite file | postgres://url> ; prints the URL on stdout when listening.
import { buildApp } from "../src/api/app.ts";
import { parseConfig } from "../src/core/config.ts";
import { openDb } from "../src/store/open-store.ts";

const target = process.argv[2]!;
const db = await openDb(target.startsWith("postgres") ? { databaseUrl: target } : { sqlitePath: target });
// Benchmarks measure the service's capacity: the per-key rate limit is off.
const config = parseConfig({ api: { rateLimitPerMinute: 0 } });
const app = await buildApp({ db, config, now: () => new Date() });
console.log(await app.listen({ port: 0, host: "127.0.0.1" }));
process.on("SIGTERM", () => void app.close().then(() => process.exit(0)));
