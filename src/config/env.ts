/**
 * The process environment, read once here and nowhere else. Secrets (the database password)
 * never leave this object unredacted: use `redactedUrl` for anything printed or logged.
 */
export interface Env {
  databaseUrl: string | undefined;
  sqlitePath: string | undefined;
  port: number;
  host: string;
  logLevel: string;
  /** Customers in the demo workspace `npm start` creates on an empty store. */
  demoCustomers: number;
  /** Bearer token that unlocks `GET /metrics`; unset, the endpoint is not served. */
  metricsToken: string | undefined;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  return Object.freeze({
    databaseUrl: env.DATABASE_URL || undefined,
    sqlitePath: env.HOLDFAST_DB || undefined,
    port: env.PORT ? Number(env.PORT) : 3000,
    host: env.HOST || "127.0.0.1",
    logLevel: env.LOG_LEVEL || "info",
    demoCustomers: env.HOLDFAST_DEMO_CUSTOMERS ? Number(env.HOLDFAST_DEMO_CUSTOMERS) : 2000,
    metricsToken: env.HOLDFAST_METRICS_TOKEN || undefined,
  });
}

export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable url)";
  }
}
