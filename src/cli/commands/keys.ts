import type { Command } from "commander";
import { isRole, ROLES } from "../../core/auth/roles.ts";
import { HoldfastError } from "../../core/errors.ts";
import { createApiKey } from "../../usecases/create-api-key.ts";
import { listApiKeys, revokeApiKey } from "../../usecases/manage-api-keys.ts";
import { resolveOrg, withContext } from "../context.ts";
import { table } from "../format.ts";

const DB_HELP = "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)";
const day = (iso: string | null): string => (iso ? iso.slice(0, 16).replace("T", " ") : "-");

export function registerKeys(program: Command): void {
  const keys = program.command("keys").description("API keys (stored hashed; shown once)");
  keys
    .command("create")
    .description("create an API key for an org and print it")
    .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`)
    .option("--org <slug>", "org (default: the only one)")
    .option("--name <name>", "a label to tell keys apart", "cli")
    .option("--expires-days <n>", "expire after this many days (default: never)")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .action(async (o: { role: string; org?: string; name: string; expiresDays?: string; db?: string }) => {
      if (!isRole(o.role))
        throw new HoldfastError("invalid_input", `--role must be one of ${ROLES.join(", ")}`);
      const days = o.expiresDays === undefined ? undefined : Number(o.expiresDays);
      if (days !== undefined && !(days > 0 && days <= 3650)) {
        throw new HoldfastError("invalid_input", "--expires-days must be a number of days from 1 to 3650");
      }
      const role = o.role;
      await withContext(o, async (ctx) => {
        const org = await resolveOrg(ctx, o.org);
        const expiresAt = days ? new Date(ctx.now().getTime() + days * 86_400_000) : undefined;
        const { key } = await createApiKey(ctx, org.id, { role, name: o.name, expiresAt, actor: "cli" });
        console.log(key);
        console.error(
          `Created a ${role} key for org ${org.slug}${expiresAt ? `, expiring ${expiresAt.toISOString()}` : ""}. It is shown only now.`,
        );
      });
    });
  keys
    .command("list")
    .description("list an org's keys: name, role, creator, created, last used, expires (never the key)")
    .option("--org <slug>", "org (default: the only one)")
    .option("--all", "include revoked keys")
    .option("--db <file>", DB_HELP)
    .action(async (o: { org?: string; all?: boolean; db?: string }) => {
      await withContext(o, async (ctx) => {
        const org = await resolveOrg(ctx, o.org);
        const rows = await listApiKeys(ctx, org.id, { includeRevoked: o.all === true });
        const now = ctx.now().toISOString();
        console.log(
          table(
            ["id", "name", "role", "prefix", "created by", "created", "last used", "expires", "state"],
            rows.map((k) => [
              String(k.id),
              k.name,
              k.role,
              `${k.prefix}…`,
              k.createdBy ?? "-",
              day(k.createdAt),
              day(k.lastUsedAt),
              k.expiresAt ? day(k.expiresAt) : "never",
              k.revokedAt ? "revoked" : k.expiresAt && k.expiresAt <= now ? "expired" : "active",
            ]),
          ),
        );
      });
    });
  keys
    .command("revoke <idOrName>")
    .description("revoke one of an org's keys by id or name (audited)")
    .option("--org <slug>", "org (default: the only one)")
    .option("--db <file>", DB_HELP)
    .action(async (idOrName: string, o: { org?: string; db?: string }) => {
      await withContext(o, async (ctx) => {
        const org = await resolveOrg(ctx, o.org);
        const k = await revokeApiKey(ctx, org.id, idOrName, "cli");
        console.log(`Revoked key ${k.id} (${k.name}, ${k.role}) of org ${org.slug}.`);
      });
    });
}
