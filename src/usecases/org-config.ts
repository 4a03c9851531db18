import { type HoldfastConfig, parseConfig } from "../core/config.ts";
import { type ConfigChange, diffConfig, redactConfig } from "../core/config-diff.ts";
import { HoldfastError } from "../core/errors.ts";
import { deepMerge } from "../core/util/deep-merge.ts";
import { appendAudit } from "../store/audit.ts";
import {
  type ConfigVersion,
  getConfigVersion,
  insertConfigVersion,
  latestConfigVersion,
  listConfigVersions,
} from "../store/config-versions.ts";
import { withTransaction } from "../store/transaction.ts";
import type { UseCaseContext } from "./context.ts";
import { enqueuePlaysTick } from "./enqueue-plays-tick.ts";
import { enqueue } from "./jobs.ts";

export interface OrgConfig {
  config: HoldfastConfig;
  /** The config version in force (0: the file defaults, before the org saved a version). */
  version: number;
}

/** Process settings, not per org: always the file's (one rate limiter per process). */
const PROCESS_KEYS = ["api"] as const;

/**
 * A stored version merged over today's defaults (so a key added to the product since keeps its
 * default) and over the process settings of the file.
 */
function effective(ctx: UseCaseContext, stored: string, source: string): HoldfastConfig {
  const merged = deepMerge(structuredClone(ctx.defaults), JSON.parse(stored)) as Record<string, unknown>;
  for (const k of PROCESS_KEYS) merged[k] = ctx.defaults[k];
  return parseConfig(merged, source);
}

/** The org's effective config: its latest stored version, else the file defaults (version 0). */
export async function orgConfig(ctx: UseCaseContext, orgId: number): Promise<OrgConfig> {
  const latest = await latestConfigVersion(ctx.db, orgId);
  if (!latest) return { config: ctx.defaults, version: 0 };
  return {
    config: effective(ctx, latest.config, `config version ${latest.version}`),
    version: latest.version,
  };
}

export interface ConfigVersionView {
  version: number;
  author: string;
  reason: string;
  at: string;
  reverted_to: number | null;
  changes: ConfigChange[];
}

const view = (v: ConfigVersion): ConfigVersionView => ({
  version: v.version,
  author: v.author,
  reason: v.reason,
  at: v.at,
  reverted_to: v.revertedTo,
  changes: JSON.parse(v.diff) as ConfigChange[],
});

/** What `GET /v1/config` and `holdfast config show` answer: the config with secrets redacted. */
export async function showOrgConfig(ctx: UseCaseContext, orgId: number, version?: number) {
  if (version !== undefined && version !== 0) {
    const v = await getConfigVersion(ctx.db, orgId, version);
    if (!v) throw new HoldfastError("not_found", `the org has no config version ${version}`);
    return { version, config: redactConfig(effective(ctx, v.config, `config version ${version}`)) };
  }
  if (version === 0) return { version: 0, config: redactConfig(ctx.defaults) };
  const c = await orgConfig(ctx, orgId);
  return { version: c.version, config: redactConfig(c.config) };
}

/** Newest first; version 0 (the file defaults) is implied below the oldest. */
export async function orgConfigHistory(ctx: UseCaseContext, orgId: number, limit = 100) {
  return (await listConfigVersions(ctx.db, orgId, limit)).map(view);
}

/**
 * Saves `next` as the org's new version when it differs from the current one: the version, its
 * audit entry and a refresh of every score (the next scores carry the new version; a change to
 * `plays` alone queues a plays tick instead) commit together. Returns the version in force afterwards.
 */
async function saveVersion(
  ctx: UseCaseContext,
  orgId: number,
  next: HoldfastConfig,
  meta: { author: string; reason: string; revertedTo: number | null },
): Promise<ConfigVersionView & { unchanged: boolean }> {
  return withTransaction(ctx.db, async (tx) => {
    const latest = await latestConfigVersion(tx, orgId);
    const current = latest ? effective(ctx, latest.config, "current config") : ctx.defaults;
    const changes = diffConfig(stripProcessKeys(current), stripProcessKeys(next));
    if (changes.length === 0 && meta.revertedTo === null) {
      const base = latest
        ? view(latest)
        : { version: 0, author: "file", reason: "defaults", at: "", reverted_to: null, changes: [] };
      return { ...base, unchanged: true };
    }
    const at = ctx.now();
    const v: ConfigVersion = {
      version: (latest?.version ?? 0) + 1,
      config: JSON.stringify(stripProcessKeys(next)),
      diff: JSON.stringify(changes),
      author: meta.author,
      reason: meta.reason,
      revertedTo: meta.revertedTo,
      at: at.toISOString(),
    };
    await insertConfigVersion(tx, orgId, v);
    await appendAudit(tx, orgId, at, {
      actor: meta.author,
      action: meta.revertedTo === null ? "config.update" : "config.revert",
      subject: `v${v.version}`,
      detail: { reason: meta.reason, reverted_to: meta.revertedTo, changes },
    });
    // A change to the plays settings alone moves no score: the plays engine ticks instead.
    if (isPlaysOnly(changes)) await enqueuePlaysTick(tx, orgId, at, at);
    else
      await enqueue(
        tx,
        orgId,
        {
          kind: "refresh",
          payload: { cause: "config", actor: meta.author },
          idempotencyKey: `config:v${v.version}`,
          priority: 3,
        },
        at,
      );
    return { ...view(v), unchanged: false };
  });
}

/** Every change is under `plays` (tactic switches, params, contact policy): no score reads them. */
export const isPlaysOnly = (changes: readonly ConfigChange[]): boolean =>
  changes.length > 0 && changes.every((c) => c.path === "plays" || c.path.startsWith("plays."));

function stripProcessKeys(c: HoldfastConfig): Record<string, unknown> {
  const out: Record<string, unknown> = { ...c };
  for (const k of PROCESS_KEYS) delete out[k];
  return out;
}

/**
 * Applies a partial config (deep-merged over the org's current one). A bad value is refused
 * with every offending path (422) and nothing changes; process settings (`api`) are refused.
 */
export async function updateOrgConfig(
  ctx: UseCaseContext,
  orgId: number,
  input: { patch: unknown; author: string; reason?: string | undefined },
) {
  if (typeof input.patch !== "object" || input.patch === null || Array.isArray(input.patch)) {
    throw new HoldfastError("invalid_config", "the change must be a JSON object of settings");
  }
  for (const k of PROCESS_KEYS) {
    if (k in input.patch) {
      throw new HoldfastError(
        "invalid_config",
        `"${k}" settings are per process (the config file), not per org`,
        { details: [`config: ${k}: not an org setting`] },
      );
    }
  }
  const { config } = await orgConfig(ctx, orgId);
  const next = parseConfig(deepMerge(structuredClone(config), input.patch), "config");
  return saveVersion(ctx, orgId, next, {
    author: input.author,
    reason: input.reason?.trim() || "no reason given",
    revertedTo: null,
  });
}

/** Makes an earlier version (0: the file defaults) the org's config again, as a new version. */
export async function revertOrgConfig(
  ctx: UseCaseContext,
  orgId: number,
  input: { version: number; author: string; reason?: string | undefined },
) {
  let target: HoldfastConfig;
  if (input.version === 0) target = ctx.defaults;
  else {
    const v = await getConfigVersion(ctx.db, orgId, input.version);
    if (!v) throw new HoldfastError("not_found", `the org has no config version ${input.version}`);
    target = effective(ctx, v.config, `config version ${input.version}`);
  }
  return saveVersion(ctx, orgId, target, {
    author: input.author,
    reason: input.reason?.trim() || `revert to version ${input.version}`,
    revertedTo: input.version,
  });
}
