import { expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { createApiKey } from "./create-api-key.ts";
import { createSignInKey, listApiKeys, orgHasKeys, revokeApiKey } from "./manage-api-keys.ts";

const now = () => new Date("2026-03-01T12:00:00Z");

describeStores("managing API keys", (s) => {
  it("revokes by id or by a name one key has; refuses an ambiguous or unknown one", async () => {
    const ctx = testContext(s.db(), now);
    const org = await s.freshOrg();
    expect(await orgHasKeys(ctx, org.id)).toBe(false);
    const a = await createApiKey(ctx, org.id, { role: "viewer", name: "twin", actor: "cli" });
    const b = await createApiKey(ctx, org.id, { role: "csm", name: "twin", actor: "cli" });
    const c = await createApiKey(ctx, org.id, { role: "ingest", name: "pipeline", actor: "cli" });
    expect(await orgHasKeys(ctx, org.id)).toBe(true);

    await expect(revokeApiKey(ctx, org.id, "twin", "cli")).rejects.toMatchObject({
      code: "conflict",
      details: [`revoke one by id: ${b.id}, ${a.id}`],
    });
    expect((await revokeApiKey(ctx, org.id, "pipeline", "cli")).id).toBe(c.id);
    expect((await revokeApiKey(ctx, org.id, String(a.id), "cli")).revokedAt).toBe(now().toISOString());
    // One "twin" left: the name now names one key.
    expect((await revokeApiKey(ctx, org.id, "twin", "cli")).id).toBe(b.id);
    await expect(revokeApiKey(ctx, org.id, "nobody", "cli")).rejects.toMatchObject({ code: "not_found" });
    expect(await listApiKeys(ctx, org.id)).toEqual([]);
    expect((await listApiKeys(ctx, org.id, { includeRevoked: true })).length).toBe(3);
  });

  it("a sign-in key is an admin key expiring after the hours asked", async () => {
    const ctx = testContext(s.db(), now);
    const org = await s.freshOrg();
    const k = await createSignInKey(ctx, org.id, { hours: 2, actor: "cli" });
    expect(k.expiresAt.toISOString()).toBe("2026-03-01T14:00:00.000Z");
    const [row] = await listApiKeys(ctx, org.id);
    expect(row).toMatchObject({ name: "sign-in link", role: "admin", createdBy: "cli", lastUsedAt: null });
    await expect(createSignInKey(ctx, org.id, { hours: 0, actor: "cli" })).rejects.toMatchObject({
      code: "invalid_input",
    });
  });
});
