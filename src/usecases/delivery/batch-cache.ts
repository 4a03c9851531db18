import type { UseCaseContext } from "../context.ts";
import { type OrgConfig, orgConfig } from "../org-config.ts";

/**
 * Per-batch memo: the dispatcher hands deliverers a fresh context object per claimed batch, so
 * a value cached against that object (the org's config, an endpoint) is read once per batch
 * and never outlives it.
 */
const memo = new WeakMap<UseCaseContext, Map<string, Promise<unknown>>>();

export function perBatch<T>(ctx: UseCaseContext, key: string, load: () => Promise<T>): Promise<T> {
  let m = memo.get(ctx);
  if (!m) {
    m = new Map();
    memo.set(ctx, m);
  }
  let p = m.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    m.set(key, p);
    p.catch(() => m.delete(key));
  }
  return p;
}

/** The org's config, read once per batch. */
export const batchOrgConfig = (ctx: UseCaseContext, orgId: number): Promise<OrgConfig> =>
  perBatch(ctx, `config:${orgId}`, () => orgConfig(ctx, orgId));
