import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../src/core/config.ts";
import { closeDb, type Db, openDb } from "../src/store/open-store.ts";
import { ensureOrg, type Org } from "../src/store/orgs.ts";
import { enqueue, getJob } from "../src/usecases/jobs.ts";

/**
 * `holdfast worker` as real processes against one store: several drain a queue with each job
 * run once; one killed with SIGKILL mid-job leaves it to another after the lease; a job that
 * always fails ends dead with its error. PostgreSQL when DATABASE_URL is set, and SQLite (two
 * workers on one file) always.
 */
const MAIN = path.resolve(import.meta.dirname, "../src/cli/main.ts");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "holdfast-workers-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const pgUrl = process.env.DATABASE_URL;
const stores = [
  { name: "sqlite", workers: 2, jobs: 300, file: path.join(tmp, "jobs.db") },
  ...(pgUrl ? [{ name: "postgres", workers: 3, jobs: 1000, file: undefined }] : []),
];

function worker(store: { file: string | undefined }, org: string, ...args: string[]): ChildProcess {
  const storeArgs = store.file ? ["--db", store.file] : [];
  return spawn(process.execPath, [MAIN, "worker", "--org", org, ...storeArgs, ...args], {
    env: { ...process.env, DATABASE_URL: store.file ? "" : (pgUrl ?? "") },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; out: string }> {
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, out })));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const store of stores) {
  describe(`holdfast worker processes [${store.name}]`, () => {
    let db: Db;
    const ctx = () => ({ db, defaults: parseConfig({}), now: () => new Date() });
    const fresh = async (): Promise<Org> =>
      ensureOrg(
        db,
        `w-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`,
        new Date(),
      );
    const pings = (orgId: number) =>
      db.kysely
        .selectFrom("audit_log")
        .select(["subject", "actor"])
        .where("org_id", "=", orgId)
        .where("action", "=", "jobs.ping")
        .execute();

    beforeAll(async () => {
      db = store.file ? await openDb({ sqlitePath: store.file }) : await openDb({ databaseUrl: pgUrl });
    });
    afterAll(async () => closeDb(db));

    it(`${store.workers} workers drain ${store.jobs} jobs, each run exactly once`, async () => {
      const org = await fresh();
      const ids: number[] = [];
      for (let i = 0; i < store.jobs; i++) {
        ids.push((await enqueue(db, org.id, { kind: "ping" }, new Date())).id);
      }
      const runs = Array.from({ length: store.workers }, () =>
        exited(worker(store, org.slug, "--until-idle", "--concurrency", "4", "--poll-ms", "50")),
      );
      const results = await Promise.all(runs);
      for (const r of results) expect(r.code, r.out).toBe(0);
      const rows = await pings(org.id);
      expect(rows.length).toBe(store.jobs);
      expect(new Set(rows.map((r) => r.subject)).size).toBe(store.jobs);
      const statuses = await db.kysely
        .selectFrom("jobs")
        .select(["status", "attempts"])
        .where("org_id", "=", org.id)
        .execute();
      expect(statuses.every((s) => s.status === "done" && Number(s.attempts) === 1)).toBe(true);
      const ran = results.map((r) => Number(/ran (\d+) jobs/.exec(r.out)?.[1] ?? -1));
      expect(ran.reduce((a, b) => a + b, 0)).toBe(store.jobs);
    });

    it("a worker killed with SIGKILL while holding a job leaves it to another after the lease", async () => {
      const org = await fresh();
      const { id } = await enqueue(db, org.id, { kind: "ping", payload: { sleep_ms: 2_500 } }, new Date());
      const first = worker(store, org.slug, "--lease-seconds", "2", "--poll-ms", "50", "--no-scheduler");
      const firstExit = exited(first);
      for (let i = 0; i < 200; i++) {
        if ((await getJob(ctx(), org.id, id)).status === "running") break;
        await sleep(50);
      }
      const held = await getJob(ctx(), org.id, id);
      expect(held.status).toBe("running");
      first.kill("SIGKILL");
      expect((await firstExit).code).toBe(null); // killed, not exited
      const second = await exited(
        worker(store, org.slug, "--until-idle", "--lease-seconds", "2", "--poll-ms", "50"),
      );
      expect(second.code, second.out).toBe(0);
      const done = await getJob(ctx(), org.id, id);
      expect(done).toMatchObject({ status: "done", attempts: 2 });
      expect(done.lockedBy).not.toBe(held.lockedBy);
      const rows = await pings(org.id);
      expect(rows.map((r) => r.subject)).toEqual([String(id)]); // run to the end once
    });

    it("a job that always fails is retried with backoff, then dead with its error", async () => {
      const org = await fresh();
      const { id } = await enqueue(
        db,
        org.id,
        { kind: "ping", payload: { fail: true }, maxAttempts: 3 },
        new Date(),
      );
      const r = await exited(
        worker(store, org.slug, "--until-idle", "--retry-base-ms", "40", "--poll-ms", "20"),
      );
      expect(r.code, r.out).toBe(0);
      const dead = await getJob(ctx(), org.id, id);
      expect(dead).toMatchObject({ status: "dead", attempts: 3 });
      expect(dead.lastError).toMatch(/asked to fail \(attempt 3\)/);
      expect(await pings(org.id)).toEqual([]);
    });
  });
}
