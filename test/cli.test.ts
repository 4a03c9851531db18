import { type ChildProcess, execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { SCORE_KINDS } from "../src/core/scores/kinds.ts";
import { closeDb, openDb } from "../src/store/open-store.ts";
import { findOrg } from "../src/store/orgs.ts";
import { validRavenstack, writeDir } from "./support/ravenstack-fixture.ts";

const run = promisify(execFile);
const MAIN = path.resolve(import.meta.dirname, "../src/cli/main.ts");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "holdfast-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs the CLI as a user would; never throws, returns exit code and output. */
async function holdfast(...args: string[]) {
  return holdfastOn("", ...args);
}

/** The CLI with DATABASE_URL set to `databaseUrl` ("": SQLite, the --db file or the default). */
async function holdfastOn(databaseUrl: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [MAIN, ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("holdfast CLI", () => {
  const db = path.join(tmp, "cli.db");

  it("imports, scores and reports", async () => {
    const imp = await holdfast(
      "import",
      "ravenstack",
      writeDir(validRavenstack()),
      "--db",
      db,
      "--org",
      "acme",
    );
    expect(imp.stderr).toBe("");
    expect(imp.code).toBe(0);
    expect(imp.stdout).toMatch(/Imported: 3 customers \(grain subscription\) into org acme/);
    expect(imp.stdout).toMatch(/Scored 3 customers as of \d{4}-\d{2}-\d{2}/);

    const rep = await holdfast("report", "--db", db, "--json");
    expect(rep.code).toBe(0);
    const json = JSON.parse(rep.stdout);
    expect(json).toMatchObject({ customers: 3, level_counts: { High: 1, Low: 2 }, drivers: { usage: 2 } });
    expect(json.top10[0]).toEqual(["S-2", 82, "High"]);

    const text = await holdfast("report", "--db", db);
    expect(text.stdout).toMatch(/churn rate \(label\)/);
    expect(text.stdout).toMatch(/\$49,200/);
  });

  it("applies a partial config and refuses a bad one with its path", async () => {
    const good = path.join(tmp, "partial.json");
    fs.writeFileSync(
      good,
      JSON.stringify({
        earlyWarning: { rules: { satisfaction: { enabled: false }, escalation: { enabled: false } } },
      }),
    );
    const rep = await holdfast("report", "--db", db, "--json", "--config", good);
    expect(JSON.parse(rep.stdout).top10[0]).toEqual(["S-2", 60, "High"]);

    const bad = path.join(tmp, "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ earlyWarning: { cap: 500 } }));
    const r = await holdfast("report", "--db", db, "--config", bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}: earlyWarning.cap:`);
  });

  it("refuses a broken import with file:line: column: reason on stderr and exit 1", async () => {
    const files = validRavenstack();
    files["ravenstack_accounts.csv"] = files["ravenstack_accounts.csv"]!.replace("2024-01-10", "2024/01/10");
    const r = await holdfast("import", "ravenstack", writeDir(files), "--db", path.join(tmp, "broken.db"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("holdfast: Import refused: 1 error; nothing was written");
    expect(r.stderr).toContain(
      'ravenstack_accounts.csv:2: signup_date: "2024/01/10" is not a date (expected YYYY-MM-DD)',
    );
  });

  it("creates API keys that are shown once and work", async () => {
    const r = await holdfast("keys", "create", "--role", "viewer", "--db", db, "--expires-days", "30");
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^hf_[A-Za-z0-9_-]{40}$/);
    expect(r.stderr).toMatch(/Created a viewer key for org acme, expiring/);
    const bad = await holdfast("keys", "create", "--role", "root", "--db", db);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--role must be one of admin, manager, csm, viewer, ingest");
  });

  it("generates demo data that imports at account grain", async () => {
    const out = path.join(tmp, "demo");
    const gen = await holdfast(
      "demo",
      "generate",
      "--customers",
      "300",
      "--seed",
      "7",
      "--out",
      out,
      "--end",
      "2026-10-31",
    );
    expect(gen.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toContain("ground_truth.csv");
    const imp = await holdfast(
      "import",
      "ravenstack",
      out,
      "--db",
      path.join(tmp, "demo.db"),
      "--grain",
      "account",
    );
    expect(imp.code).toBe(0);
    expect(imp.stdout).toMatch(/Imported: 300 customers \(grain account\)/);
    const bad = await holdfast("demo", "generate", "--customers", "zero", "--out", out);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--customers must be a whole number");
  });

  it("npm start: creates the demo workspace on an empty store and answers /healthz", async () => {
    const child: ChildProcess = spawn(
      process.execPath,
      [MAIN, "start", "--db", path.join(tmp, "start.db"), "--port", "0"],
      {
        env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "warn", HOLDFAST_DEMO_CUSTOMERS: "200" },
      },
    );
    try {
      // Wait for both the URL and the sign-in link, which carries a working key for the demo org.
      const [url, key] = await new Promise<[string, string]>((resolve, reject) => {
        let out = "";
        child.stdout!.on("data", (d) => {
          out += d;
          const u = /running at (http:\/\/\S+?)\/ /.exec(out);
          const k = /Sign in to org demo .*#key=(hf_\S+)/.exec(out);
          if (u && k) resolve([u[1]!, k[1]!]);
        });
        child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const health = await (await fetch(`${url}/healthz`)).json();
      expect(health).toMatchObject({ status: "ok", database: "sqlite" });
      const get = async (p: string) =>
        (await fetch(`${url}${p}`, { headers: { authorization: `Bearer ${key}` } })).json();
      const exec = await get("/v1/reports/executive");
      expect((await get("/v1/customers?book=all&limit=1")).total.customers).toBe(200);
      // Executive counts the live book, the same customers as the list's default.
      expect(exec.customers).toBe((await get("/v1/customers?limit=1")).total.customers);
      expect(exec.customers).toBeLessThan(200);
      const orgs = await holdfast("orgs", "--db", path.join(tmp, "start.db"));
      expect(orgs.stdout).toMatch(/demo\s+Demo workspace/);
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode === null ? child.once("exit", r) : r(null)));
    }
  });

  it("a second start prints no key; signin-link makes one on request; keys list and revoke", async () => {
    const store = path.join(tmp, "restart.db");
    /** `holdfast start` on `store` (LOG_LEVEL info: the server logger must not carry a key either). */
    const start = async () => {
      const child: ChildProcess = spawn(process.execPath, [MAIN, "start", "--db", store, "--port", "0"], {
        env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "info", HOLDFAST_DEMO_CUSTOMERS: "50" },
      });
      const proc = { child, out: "", url: "" };
      child.stdout!.on("data", (d) => (proc.out += d));
      child.stderr!.on("data", (d) => (proc.out += d));
      proc.url = await new Promise<string>((resolve, reject) => {
        child.stdout!.on("data", () => {
          const u = /running at (http:\/\/\S+?)\/ /.exec(proc.out);
          if (u && /Sign in|signin-link/.test(proc.out)) resolve(u[1]!);
        });
        child.on("exit", (code) => reject(new Error(`exited ${code}: ${proc.out}`)));
      });
      return proc;
    };
    const stop = async (child: ChildProcess) => {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode === null ? child.once("exit", r) : r(null)));
    };
    const first = await start();
    await stop(first.child);
    expect(first.out).toMatch(/Sign in to org demo .*#key=hf_/);
    const second = await start();
    const { child, url } = second;
    const out = () => second.out;
    try {
      // A request, so the server logger has something to log.
      await fetch(`${url}/v1/customers`, { headers: { authorization: "Bearer hf_not-a-real-key" } });
      await new Promise((r) => setTimeout(r, 300));
      expect(out()).not.toMatch(/hf_[A-Za-z0-9_-]{40}/);
      expect(out()).not.toContain("#key=");
      expect(out()).toContain("holdfast signin-link");

      const link = await holdfast("signin-link", "--db", store, "--url", url, "--hours", "2");
      expect(link.code).toBe(0);
      const m = new RegExp(`^${url}/#key=(hf_[A-Za-z0-9_-]{40})$`).exec(link.stdout.trim());
      expect(m).not.toBeNull();
      expect(link.stderr).toMatch(/Sign-in link for org demo: an admin key \(id \d+\) valid until/);
      const res = await fetch(`${url}/v1/reports/executive`, {
        headers: { authorization: `Bearer ${m![1]}` },
      });
      expect(res.status).toBe(200);

      const list = await holdfast("keys", "list", "--db", store);
      expect(list.code).toBe(0);
      expect(list.stdout).not.toMatch(/hf_[A-Za-z0-9_-]{40}/);
      const lines = list.stdout.trim().split("\n");
      expect(lines[0]).toMatch(
        /^id\s+name\s+role\s+prefix\s+created by\s+created\s+last used\s+expires\s+state$/,
      );
      // Newest first: the link just made (by cli, used a moment ago), then the first start's.
      expect(lines[2]).toMatch(
        /sign-in link\s+admin\s+hf_\S+…\s+cli\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+\S+ \S+\s+active$/,
      );
      expect(lines[3]).toMatch(/sign-in link\s+admin\s+.*\s+start\s+/);
      const id = lines[2]!.trim().split(/\s+/)[0]!;

      const rev = await holdfast("keys", "revoke", id, "--db", store);
      expect(rev.code).toBe(0);
      expect(rev.stdout).toContain(`Revoked key ${id} (sign-in link, admin) of org demo.`);
      const after = await fetch(`${url}/v1/reports/executive`, {
        headers: { authorization: `Bearer ${m![1]}` },
      });
      expect(after.status).toBe(401);
      expect((await holdfast("keys", "list", "--db", store)).stdout).not.toMatch(
        new RegExp(`^${id}\\s`, "m"),
      );
      expect((await holdfast("keys", "list", "--all", "--db", store)).stdout).toMatch(/revoked$/m);
      const again = await holdfast("keys", "revoke", id, "--db", store);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(`No unrevoked API key "${id}"`);
    } finally {
      await stop(child);
    }
  });
});

const pgUrl = process.env.DATABASE_URL;
describe.each(pgUrl ? (["sqlite", "postgres"] as const) : (["sqlite"] as const))(
  "holdfast import ravenstack refreshes the org [%s]",
  (store) => {
    const sqlitePath = path.join(tmp, `refresh-${store}.db`);
    const target = store === "sqlite" ? ["--db", sqlitePath] : [];
    const cli = (...args: string[]) => holdfastOn(store === "sqlite" ? "" : pgUrl!, ...args);
    const slug = (name: string) => `cli-${name}-${process.pid}-${Date.now().toString(36)}`;

    /** The store's score rows of an org, by customer: the kinds current as of `day` (null: any day). */
    async function kindsAsOf(org: string, day: string | null): Promise<Map<string, string[]>> {
      const db = await openDb(store === "sqlite" ? { sqlitePath } : { databaseUrl: pgUrl });
      try {
        const found = await findOrg(db, org);
        if (!found) throw new Error(`no org ${org}`);
        let q = db.kysely.selectFrom("scores").select(["customer_id", "kind"]).where("org_id", "=", found.id);
        if (day !== null) q = q.where("as_of", "=", day);
        const rows = await q.orderBy("customer_id").orderBy("kind").execute();
        const out = new Map<string, string[]>();
        for (const r of rows) out.set(r.customer_id, [...(out.get(r.customer_id) ?? []), r.kind]);
        return out;
      } finally {
        await closeDb(db);
      }
    }

    it("every score kind of every imported customer is current as of the refresh's day", async () => {
      const org = slug("refresh");
      const imp = await cli("import", "ravenstack", writeDir(validRavenstack()), ...target, "--org", org);
      expect(imp.stderr).toBe("");
      expect(imp.code).toBe(0);
      const day = /Scored 3 customers as of (\d{4}-\d{2}-\d{2})/.exec(imp.stdout)?.[1];
      expect(day, imp.stdout).toBeDefined();
      const kinds = await kindsAsOf(org, day!);
      expect([...kinds.keys()]).toEqual(["S-1", "S-2", "S-3"]);
      for (const [id, k] of kinds) expect(k, id).toEqual([...SCORE_KINDS].sort());
    });

    it("--no-score imports without refreshing", async () => {
      const org = slug("noscore");
      const imp = await cli(
        "import",
        "ravenstack",
        writeDir(validRavenstack()),
        ...target,
        "--org",
        org,
        "--no-score",
      );
      expect(imp.code).toBe(0);
      expect(imp.stdout).toMatch(/Imported: 3 customers/);
      expect(imp.stdout).not.toMatch(/Scored/);
      expect((await kindsAsOf(org, null)).size).toBe(0);
    });
  },
);
