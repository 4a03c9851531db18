import type { Db } from "../open-store.ts";
import { type MessageTemplateTable, mq } from "./tables.ts";

export type TemplateVersion = Omit<MessageTemplateTable, "org_id">;

/** The current (highest) version of each action the org saved. */
export async function currentTemplates(db: Db, orgId: number): Promise<TemplateVersion[]> {
  const rows = await mq(db)
    .selectFrom("message_templates as t")
    .selectAll("t")
    .where("t.org_id", "=", orgId)
    .where(({ eb, selectFrom }) =>
      eb(
        "t.version",
        "=",
        selectFrom("message_templates as u")
          .select((e) => e.fn.max("u.version").as("v"))
          .where("u.org_id", "=", orgId)
          .whereRef("u.action", "=", "t.action"),
      ),
    )
    .orderBy("t.action")
    .execute();
  return rows.map(({ org_id: _, ...r }) => ({ ...r, version: Number(r.version) }));
}

export async function currentTemplate(
  db: Db,
  orgId: number,
  action: string,
): Promise<TemplateVersion | null> {
  const r = await mq(db)
    .selectFrom("message_templates")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("action", "=", action)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!r) return null;
  const { org_id: _, ...rest } = r;
  return { ...rest, version: Number(r.version) };
}

export async function templateVersions(db: Db, orgId: number, action: string): Promise<TemplateVersion[]> {
  const rows = await mq(db)
    .selectFrom("message_templates")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("action", "=", action)
    .orderBy("version", "desc")
    .execute();
  return rows.map(({ org_id: _, ...r }) => ({ ...r, version: Number(r.version) }));
}

/** Writes the next version of an action's template (the primary key refuses a racing duplicate). */
export async function insertTemplateVersion(
  db: Db,
  orgId: number,
  row: Omit<TemplateVersion, "version">,
): Promise<number> {
  const last = await currentTemplate(db, orgId, row.action);
  const version = (last?.version ?? 0) + 1;
  await mq(db)
    .insertInto("message_templates")
    .values({ org_id: orgId, version, ...row })
    .execute();
  return version;
}
