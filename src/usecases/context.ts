import type { ServiceSecrets } from "../config/env.ts";
import type { HoldfastConfig } from "../core/config.ts";
import type { Db } from "../store/open-store.ts";

/**
 * What every use case runs with. Entry points (CLI, API, worker, scheduler, demo loader) build
 * one and pass it in; use cases never read the environment or the wall clock themselves.
 */
export interface UseCaseContext {
  readonly db: Db;
  /** The file config: each new org's first config version, and process settings (API, tickets). */
  readonly defaults: HoldfastConfig;
  readonly now: () => Date;
  readonly log?: ((msg: string) => void) | undefined;
  /** Outside services' secrets; absent: read from the environment (src/config/env.ts) when needed. */
  readonly secrets?: ServiceSecrets | undefined;
}
