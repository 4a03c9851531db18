// npm run bench -- <name> [options]: benchmarks that print figures (never assertions).
import { parseArgs } from "node:util";
import { apiBench } from "./api.ts";
import { importScoreBench } from "./import-score.ts";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { scale: { type: "string", default: "10" }, store: { type: "string", default: "sqlite" } },
});
const name = positionals[0] ?? "import-score";
if (name === "import-score") {
  await importScoreBench(Number(values.scale), values.store!);
} else if (name === "api") {
  await apiBench(Number(values.scale));
} else {
  console.error(
    `unknown benchmark ${name}; available: import-score [--scale K] [--store sqlite|postgres], api [--scale K]`,
  );
  process.exit(2);
}
