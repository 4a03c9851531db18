import { type ChildProcess, execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../src/core/config.ts";
import { closeDb, type Db, openDb } from "../src/store/open-store.ts";
import { ensureOrg, type Org } from "../src/store/orgs.ts";
import { getJob } from "../src/usecases/jobs.ts";

/**
 * Graceful shutdown of real processes: `holdfast worker` and `holdfast serve` get SIGTERM while
 * a minute-long ping job runs; each exits 0 within its --shutdown-timeout and the job is queued
 * again with its attempt not counted. SQLite always, PostgreSQL when DATABASE_URL is set.
 */
const MAIN = path.resolve(import.meta.dirname, "../src/cli/main.ts");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "holdfast-shutdown-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const run = promisify(execFile);

const pgUrl = process.env.DATABASE_URL;
const stores = [
  { name: "sqlite", file: path.join(tmp, "shutdown.db") as string | undefined },
  ...(pgUrl ? [{ name: "postgres", file: undefined }] : []),
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const store of stores) {
  describe(`graceful shutdown [${store.name}]`, () => {
    let db: Db;
    const env = { ...process.env, DATABASE_URL: store.file ? "" : (pgUrl ?? "") };
    const storeArgs = store.file ? ["--db", store.file] : [];
    const ctx = () => ({ db, defaults: parseConfig({}), now: () => new Date() });
    const holdfast = (...args: string[]): ChildProcess =>
      spawn(process.execPath, [MAIN, ...args, ...storeArgs], { env, stdio: ["ignore", "pipe", "pipe"] });
    const exited = (child: ChildProcess) => {
      let out = "";
      child.stdout?.on("data", (d) => {
        out += d;
      });
      child.stderr?.on("data", (d) => {
        out += d;
      });
      return {
        output: () => out,
        done: new Promise<{ code: number | null; out: string }>((resolve) =>
          child.once("exit", (code) => resolve({ code, out })),
        ),
      };
    };
    /** Queues one minute-long ping with the CLI, as an operator would; returns its id. */
    const longPing = async (org: Org) => {
      const { stdout } = await run(
        process.execPath,
        [MAIN, "jobs", "ping", "--org", org.slug, "--sleep-ms", "60000", ...storeArgs],
        { env },
      );
      return Number(/\((\d+)\.\./.exec(stdout)![1]);
    };
    const waitRunning = async (org: Org, id: number) => {
      for (let i = 0; i < 300 && (await getJob(ctx(), org.id, id)).status !== "running"; i++) await sleep(50);
      expect((await getJob(ctx(), org.id, id)).status).toBe("running");
    };

    beforeAll(async () => {
      db = store.file ? await openDb({ sqlitePath: store.file }) : await openDb({ databaseUrl: pgUrl });
    });
    afterAll(async () => {
      await closeDb(db);
    });
    const fresh = () => ensureOrg(db, `s-${process.pid}-${Date.now().toString(36)}`, new Date());

    it("holdfast worker: SIGTERM mid-job exits 0 within the timeout and queues the job again", async () => {
      const org = await fresh();
      const id = await longPing(org);
      const child = holdfast(
        "worker",
        "--org",
        org.slug,
        "--poll-ms",
        "50",
        "--no-scheduler",
        "--shutdown-timeout",
        "2",
      );
      const exit = exited(child);
      await waitRunning(org, id);
      const signalled = Date.now();
      child.kill("SIGTERM");
      const { code, out } = await exit.done;
      const took = Date.now() - signalled;
      expect(code, out).toBe(0);
      expect(took).toBeGreaterThanOrEqual(1_900); // it waited for the job...
      expect(took).toBeLessThan(8_000); // ...only as long as the timeout (plus start-up slack)
      expect(out).toMatch(/gave back 1 unfinished job/);
      expect(await getJob(ctx(), org.id, id)).toMatchObject({
        status: "queued",
        attempts: 0,
        lockedBy: null,
        leaseUntil: null,
      });
    }, 30_000);

    it.runIf(store.file)(
      "holdfast serve: SIGTERM exits 0, gives back the embedded worker's job",
      async () => {
        const org = await fresh();
        const id = await longPing(org);
        const child = holdfast("serve", "--port", "0", "--shutdown-timeout", "1");
        const exit = exited(child);
        await waitRunning(org, id);
        for (let i = 0; i < 200 && !/running at (http:\S+)\//.test(exit.output()); i++) await sleep(50);
        const url = /running at (http:\S+)\//.exec(exit.output())![1]!;
        expect((await fetch(`${url}/readyz`)).status).toBe(200);
        child.kill("SIGTERM");
        const { code, out } = await exit.done;
        expect(code, out).toBe(0);
        expect(await getJob(ctx(), org.id, id)).toMatchObject({ status: "queued", attempts: 0 });
        await expect(fetch(`${url}/healthz`)).rejects.toThrow(); // no longer listening
      },
      30_000,
    );
  });
}
