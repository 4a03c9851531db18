import type { Command } from "commander";
import { closeDb } from "../../store/open-store.ts";
import { listOrgs } from "../../store/orgs.ts";
import { openFromOptions } from "../context.ts";
import { table } from "../format.ts";

export function registerOrgs(program: Command): void {
  program
    .command("orgs")
    .description("list the orgs in the store")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .action(async (o: { db?: string }) => {
      const db = await openFromOptions(o);
      try {
        console.log(
          table(
            ["slug", "name"],
            (await listOrgs(db)).map((g) => [g.slug, g.name]),
          ),
        );
      } finally {
        await closeDb(db);
      }
    });
}
