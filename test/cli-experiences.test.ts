import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, openDb } from "../src/store/open-store.ts";
import { ensureOrg } from "../src/store/orgs.ts";

const run = promisify(execFile);
const MAIN = path.resolve(import.meta.dirname, "../src/cli/main.ts");

/** `holdfast experiences keys [--rotate]` as a real process on a temporary SQLite store. */
describe("holdfast experiences keys", () => {
  let dir: string;
  let dbFile: string;
  const cli = async (...args: string[]) => {
    const { stdout, stderr } = await run(
      process.execPath,
      [MAIN, "experiences", "keys", "--db", dbFile, ...args],
      {
        env: { ...process.env, DATABASE_URL: "" },
      },
    );
    return { stdout, stderr };
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "holdfast-exp-cli-"));
    dbFile = path.join(dir, "t.db");
    const db = await openDb({ sqlitePath: dbFile });
    await ensureOrg(db, "acme", new Date());
    await closeDb(db);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("creates the keys and prints the secret once, then redacts it; --rotate prints a new one", async () => {
    const first = await cli();
    const pk = /publishable key\s+(pk_\S+)/.exec(first.stdout)![1];
    const secret = /identity secret\s+(ids_\S+)/.exec(first.stdout)![1];
    expect(pk).toBeDefined();
    expect(secret).toBeDefined();
    expect(first.stderr).toMatch(/shown only now/);
    const again = await cli();
    expect(again.stdout).toContain(pk!);
    expect(again.stdout).toContain("[redacted]");
    expect(again.stdout).not.toContain("ids_");
    const rotated = JSON.parse((await cli("--rotate", "--json")).stdout) as Record<string, unknown>;
    expect(rotated).toMatchObject({ publishableKey: pk, rotated: true });
    expect(rotated.identitySecret).toMatch(/^ids_/);
    expect(rotated.identitySecret).not.toBe(secret);
    await expect(cli("--org", "nope")).rejects.toMatchObject({
      stderr: expect.stringMatching(/no org named "nope"/),
    });
  }, 60_000);
});
