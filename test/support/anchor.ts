import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const ANCHOR = path.resolve(import.meta.dirname, "../../../shared/anchors/seed_early_warning.py");
/** Debian's Python, which has pandas (apt-get install python3-pandas). */
export const PYTHON = "/usr/bin/python3";

export function anchorAvailable(): boolean {
  try {
    execFileSync(PYTHON, ["-c", "import pandas"], { stdio: "ignore" });
    return fs.existsSync(ANCHOR);
  } catch {
    return false;
  }
}

/** Runs the reference anchor on a RavenStack folder and returns its JSON summary. */
export function runAnchor(dir: string, args: string[] = []): Record<string, unknown> {
  const out = execFileSync(PYTHON, [ANCHOR, dir, ...args], { encoding: "utf8", maxBuffer: 64 << 20 });
  const json = JSON.parse(out) as Record<string, unknown>;
  delete json.seconds;
  return json;
}
