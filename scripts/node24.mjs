#!/usr/bin/env node
// Runs a script with a Node that can execute TypeScript directly (>= 22.12). On an older Node
// (machines here ship Node 20), it runs node@24 from the npm registry through npx instead, so
// `npm start` and `npm test` work on a fresh machine. Plain JavaScript: it must run on Node 20.
import { spawnSync } from "node:child_process";

const [major, minor] = process.versions.node.split(".").map(Number);
const modern = major > 22 || (major === 22 && minor >= 12);
const args = process.argv.slice(2);
if (!modern) {
  console.error(
    `holdfast: Node ${process.versions.node} cannot run TypeScript; using node@24 from the npm registry`,
  );
}
const result = modern
  ? spawnSync(process.execPath, args, { stdio: "inherit" })
  : spawnSync("npx", ["--yes", "node@24", ...args], { stdio: "inherit" });
if (result.error) {
  console.error(`holdfast: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
