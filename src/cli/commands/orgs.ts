import type { Command } from "commander";
import { listOrgs } from "../../usecases/list-orgs.ts";
import { withContext } from "../context.ts";
import { table } from "../format.ts";

export function registerOrgs(program: Command): void {
  program
    .command("orgs")
    .description("list the orgs in the store")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .action(async (o: { db?: string }) =>
      withContext(o, async (ctx) => {
        console.log(
          table(
            ["slug", "name"],
            (await listOrgs(ctx)).map((g) => [g.slug, g.name]),
          ),
        );
      }),
    );
}
