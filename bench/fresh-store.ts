import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A fresh store for one benchmark run: PostgreSQL database `holdfast_<name>` dropped and created
 * again, or a SQLite file in a new temp folder (removed by `cleanup`).
 */
export function freshTarget(store: string, name: string): { target: string; cleanup: () => void } {
  if (store === "postgres") {
    const db = `holdfast_${name}`;
    execFileSync("psql", [
      "-q",
      "-h",
      "127.0.0.1",
      "-U",
      "postgres",
      "-d",
      "postgres",
      "-c",
      `drop database if exists ${db}`,
      "-c",
      `create database ${db}`,
    ]);
    return { target: `postgres://postgres@127.0.0.1:5432/${db}`, cleanup: () => {} };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `holdfast-${name}-`));
  return {
    target: path.join(dir, `${name}.db`),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
