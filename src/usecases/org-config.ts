import type { HoldfastConfig } from "../core/config.ts";
import type { UseCaseContext } from "./context.ts";

export interface OrgConfig {
  config: HoldfastConfig;
  /** The config version in force (0: the file defaults, before the org saved a version). */
  version: number;
}

/** The org's effective config: its latest stored version, else the file defaults. */
export async function orgConfig(ctx: UseCaseContext, _orgId: number): Promise<OrgConfig> {
  return { config: ctx.defaults, version: 0 };
}
