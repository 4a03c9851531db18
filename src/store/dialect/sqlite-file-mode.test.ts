import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { closeDb, openDb } from "../open-store.ts";

it.skipIf(process.platform === "win32")(
  "creates a new SQLite file 0600 (and its WAL) in a new folder 0700",
  async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "holdfast-mode-"));
    try {
      const file = path.join(root, "data", "nested", "holdfast.db");
      const db = await openDb({ sqlitePath: file });
      await db.kysely.selectFrom("orgs").select("id").execute();
      const mode = (p: string) => fs.statSync(p).mode & 0o777;
      expect(mode(file).toString(8)).toBe("600");
      if (fs.existsSync(`${file}-wal`)) expect(mode(`${file}-wal`).toString(8)).toBe("600");
      expect(mode(path.dirname(file)).toString(8)).toBe("700");
      expect(mode(path.join(root, "data")).toString(8)).toBe("700");
      await closeDb(db);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  },
);
