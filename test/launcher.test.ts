import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

const LAUNCHER = path.resolve(import.meta.dirname, "../scripts/node24.mjs");

it("the Node launcher runs the script and passes its exit code and output through", () => {
  const r = spawnSync(
    process.execPath,
    [LAUNCHER, "-e", "console.log(process.versions.node); process.exit(3)"],
    {
      encoding: "utf8",
    },
  );
  expect(r.status).toBe(3);
  const [major] = r.stdout.trim().split(".").map(Number);
  expect(major).toBeGreaterThanOrEqual(22);
});
