// The service on an existing store, in its own process, for the API and ingest benchmarks.
// argv: <sqlite file | postgres://url> ; prints the URL on stdout when listening.
import { buildApp } from "../src/api/app.ts";
import { parseConfig } from "../src/core/config.ts";
import { openDb } from "../src/store/open-store.ts";

const target = process.argv[2]!;
const db = await openDb(target.startsWith("postgres") ? { databaseUrl: target } : { sqlitePath: target });
const app = await buildApp({ db, config: parseConfig({}), now: () => new Date() });
console.log(await app.listen({ port: 0, host: "127.0.0.1" }));
