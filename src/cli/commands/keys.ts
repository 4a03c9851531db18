import type { Command } from "commander";
import { isRole, ROLES } from "../../core/auth/roles.ts";
import { HoldfastError } from "../../core/errors.ts";
import { createApiKey } from "../../usecases/create-api-key.ts";
import { resolveOrg, withContext } from "../context.ts";

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
}
