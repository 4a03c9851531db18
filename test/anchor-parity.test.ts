import { beforeAll, expect, it } from "vitest";
import { parseConfig } from "../src/core/config.ts";
import { ravenstackSourcesFromPath } from "../src/ingest/ravenstack/sources.ts";
import type { Org } from "../src/store/orgs.ts";
import { computeEarlyWarning, reportEarlyWarning } from "../src/usecases/early-warning.ts";
import { importRavenstack } from "../src/usecases/import-ravenstack.ts";
import { anchorAvailable, runAnchor } from "./support/anchor.ts";
import { describeStores, RAVENSTACK_DIR } from "./support/stores.ts";
import { testContext } from "./support/test-context.ts";

const PARTIAL = {
  earlyWarning: { rules: { satisfaction: { enabled: false }, escalation: { enabled: false } } },
};

if (!anchorAvailable() && process.env.CI)
  throw new Error("CI must provide /usr/bin/python3 with pandas for the anchor");

/** Our report's values for the keys the anchor prints (ours prints more). */
function sameKeys(ours: object, anchor: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(anchor).map((k) => [k, (ours as Record<string, unknown>)[k]]));
}

describeStores("report --json equals the pandas anchor on RavenStack", (s) => {
  let org: Org;
  beforeAll(async () => {
    org = await s.freshOrg();
    await importRavenstack(
      testContext(s.db(), () => new Date("2026-01-01T00:00:00Z")),
      org.id,
      ravenstackSourcesFromPath(RAVENSTACK_DIR),
      { grain: "subscription", source: "anchor-parity", actor: "test", refresh: false },
    );
  });

  it.runIf(anchorAvailable())("default config = anchor default", async () => {
    const run = await computeEarlyWarning(s.db(), org.id, parseConfig({}));
    const ours = await reportEarlyWarning(s.db(), org.id, run);
    const anchor = runAnchor(RAVENSTACK_DIR);
    expect(sameKeys(ours, anchor)).toEqual(anchor);
    expect(ours.level_counts).toEqual({ Low: 4266, Medium: 730, High: 4 });
  });

  it.runIf(anchorAvailable())(
    "satisfaction and escalation off = anchor --no-satisfaction-escalation",
    async () => {
      const run = await computeEarlyWarning(s.db(), org.id, parseConfig(PARTIAL));
      const ours = await reportEarlyWarning(s.db(), org.id, run);
      const anchor = runAnchor(RAVENSTACK_DIR, ["--no-satisfaction-escalation"]);
      expect(sameKeys(ours, anchor)).toEqual(anchor);
      // The seed's published Drivers table (risk score by plan tier) is reproduced exactly.
      expect(ours.risk_by_plan_tier).toEqual({ Basic: 7.7903, Enterprise: 7.8445, Pro: 8.0215 });
    },
  );
});
