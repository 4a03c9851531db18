import type { HoldfastConfig } from "../core/config.ts";
import type { Db } from "../store/open-store.ts";
import type { UseCaseContext } from "../usecases/context.ts";

/** What the HTTP app is built from (buildApp in app.ts); its own file so routes need not import app.ts. */
export interface AppDeps {
  db: Db;
  config: HoldfastConfig;
  now: () => Date;
  /** Log level; `stream` (tests) receives the JSON lines instead of stdout. */
  logger?: boolean | { level: string; stream?: NodeJS.WritableStream };
  /** Wakes the embedded worker after a request queued a job (absent without one: jobs wait for a worker). */
  wake?: () => void;
  /** The built dashboard (web/dist); served at / when present. */
  webDir?: string;
  /** `GET /metrics` is served only with this token set, to requests bearing it. */
  metricsToken?: string | undefined;
  /** Proxies whose `X-Forwarded-For` is trusted for the client address (Fastify `trustProxy`). */
  trustProxy?: string | boolean | undefined;
}

/** What each route plugin gets: the app's dependencies and the use-case context built from them. */
export interface RouteDeps extends AppDeps {
  ctx: UseCaseContext;
}
