// The service on an existing store, in its own process, for the API benchmark.
// argv: <sqlite file> ; prints the URL on stdout when listening.
import { buildApp } from "../src/api/app.ts";
import { parseConfig } from "../src/core/config.ts";
import { openDb } from "../src/store/open-store.ts";

const db = await openDb({ sqlitePath: process.argv[2]! });
const app = await buildApp({ db, config: parseConfig({}), now: () => new Date() });
console.log(await app.listen({ port: 0, host: "127.0.0.1" }));
