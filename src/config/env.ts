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
  /**
   * Which proxies to trust for the client address (`X-Forwarded-For`), as Fastify's
   * `trustProxy`: `true`, or addresses and CIDRs ("127.0.0.1,10.0.0.0/8"). Behind a load balancer
   * set it, or every client shares the proxy's address and the failed-authentication limit blocks
   * them together. Unset: the socket's address.
   */
  trustProxy: string | boolean | undefined;
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
    trustProxy: !env.HOLDFAST_TRUST_PROXY
      ? undefined
      : env.HOLDFAST_TRUST_PROXY === "true"
        ? true
        : env.HOLDFAST_TRUST_PROXY,
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

/** Secrets of outside services (delivery), read when first needed; never logged or stored in config. */
export interface ServiceSecrets {
  /** HOLDFAST_SMTP_PASSWORD: the SMTP relay's password (delivery.email.smtp.user names the user). */
  smtpPassword?: string | undefined;
  /** HOLDFAST_TWILIO_TOKEN: the SMS provider's auth token. */
  twilioToken?: string | undefined;
  /** HOLDFAST_SECRET: the key of unsubscribe links; unset, a random key per org is kept in the store. */
  serverSecret?: string | undefined;
}

export function readServiceSecrets(env: NodeJS.ProcessEnv = process.env): ServiceSecrets {
  return Object.freeze({
    smtpPassword: env.HOLDFAST_SMTP_PASSWORD || undefined,
    twilioToken: env.HOLDFAST_TWILIO_TOKEN || undefined,
    serverSecret: env.HOLDFAST_SECRET || undefined,
  });
}
