import type { Db } from "../open-store.ts";
import { mq } from "./tables.ts";

/**
 * A per-org secret, created with `generate()` on first use. Two processes racing write one
 * (insert-or-ignore), and both read back the one that won.
 */
export async function orgSecret(
  db: Db,
  orgId: number,
  name: string,
  generate: () => string,
  at: string,
): Promise<string> {
  const read = () =>
    mq(db)
      .selectFrom("org_secrets")
      .select("value")
      .where("org_id", "=", orgId)
      .where("name", "=", name)
      .executeTakeFirst();
  const found = await read();
  if (found) return found.value;
  await mq(db)
    .insertInto("org_secrets")
    .values({ org_id: orgId, name, value: generate(), created_at: at })
    .onConflict((oc) => oc.columns(["org_id", "name"]).doNothing())
    .execute();
  return (await read())!.value;
}
