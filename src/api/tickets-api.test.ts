import { afterAll, beforeAll, expect, it } from "vitest";
import { validRavenstack } from "../../test/support/ravenstack-fixture.ts";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { parseConfig } from "../core/config.ts";
import { ravenstackSourcesFromUploads } from "../ingest/ravenstack/sources.ts";
import { createApiKey } from "../store/api-keys.ts";
import type { Org } from "../store/orgs.ts";
import { importRavenstack } from "../usecases/import-ravenstack.ts";
import { jobHandlers } from "../usecases/job-handlers.ts";
import { createWorker } from "../worker/worker.ts";
import { buildApp } from "./app.ts";

const now = () => new Date("2026-01-01T00:00:00Z");
const config = parseConfig({});
const SEED_TICKET =
  "We like the product, but the renewal quote is beyond our budget. We're a small team and cannot justify the cost increase. Is there a lower tier or discount available? If not, we may downgrade or cancel before renewal next month.";

function csvUpload(name: string, content: string) {
  const boundary = "----holdfast-tickets";
  const payload = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`,
  );
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

describeStores("tickets API", (s) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let org: Org;
  let admin: string;
  const auth = () => ({ authorization: `Bearer ${admin}` });
  let worker: ReturnType<typeof createWorker> | undefined;
  afterAll(() => worker?.stop());

  beforeAll(async () => {
    org = await s.freshOrg();
    const files = new Map(
      Object.entries(validRavenstack()).map(([k, v]) => [k, new TextEncoder().encode(v)]),
    );
    await importRavenstack(testContext(s.db(), now, config), org.id, ravenstackSourcesFromUploads(files), {
      grain: "subscription",
      source: "t",
      actor: "t",
    });
    admin = (await createApiKey(s.db(), org.id, { role: "admin", name: "admin", now: now() })).key;
    // Analysis runs are jobs: a worker for this org runs them, woken by the request.
    worker = createWorker({
      ctx: testContext(s.db(), now, config),
      handlers: jobHandlers(),
      orgId: org.id,
      pollMs: 20,
    });
    worker.start();
    app = await buildApp({ db: s.db(), config, now, webDir: "/nonexistent", wake: () => worker?.wake() });
  });

  it("analyzes pasted text with the configured (rules) analyzer: the seed's example", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/v1/tickets/analyze",
      headers: auth(),
      payload: { text: SEED_TICKET },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      category: "billing",
      sentiment: "negative",
      churn_intent: true,
      analyzer: "rules",
    });
    expect(res.json().recommended_action).toMatch(/plan|value/i);
    const none = await app.inject({ method: "POST", url: "/v1/tickets/analyze", payload: { text: "x" } });
    expect(none.statusCode).toBe(401);
  });

  it("uploads tickets, analyzes them in a run, feeds churn intent into the scores and the brief", async () => {
    const csv = [
      "ticket_id,subject,body,account_id,created_at",
      `K-1,Renewal,"${SEED_TICKET.replaceAll('"', '""')}",A-1,2024-12-27`,
      "K-2,Thanks,Great support thank you,,2024-12-27",
    ].join("\n");
    const up = await app.inject({
      method: "POST",
      url: "/v1/tickets/upload",
      ...csvUpload("t.csv", csv),
      headers: { ...csvUpload("t.csv", csv).headers, ...auth() },
    });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ rows: 2, unlinked: 1, linked: { account_id: 1 } });

    const started = await app.inject({
      method: "POST",
      url: "/v1/tickets/analysis-runs",
      headers: auth(),
      payload: {},
    });
    expect(started.statusCode).toBe(202);
    const id = started.json().id;
    let run = started.json();
    for (let i = 0; i < 100 && (run.status === "queued" || run.status === "running"); i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = (
        await app.inject({ method: "GET", url: `/v1/tickets/analysis-runs/${id}`, headers: auth() })
      ).json();
    }
    expect(run).toMatchObject({ status: "done", analyzer: "rules", errors: 0 });
    // The upload's refresh already analyzed both tickets with the rules analyzer, so the run
    // (a job a worker ran) finds none left; a model analyzer's run would do the work here.
    expect(run).toMatchObject({ total: 0, analyzed: 0 });

    const unlinked = (
      await app.inject({ method: "GET", url: "/v1/tickets?linked=false", headers: auth() })
    ).json();
    expect(unlinked.items.map((t: { id: string }) => t.id)).toEqual(["K-2"]);
    const brief = (await app.inject({ method: "GET", url: "/v1/customers/S-1", headers: auth() })).json();
    // Early warning (seed 004's rules, windowed to the data's last day) fired its churn-intent rule;
    // the brief's own reasons are the headline score's (churn risk, as of today).
    expect(brief.scores.early_warning.signals.map((r: { name: string }) => r.name)).toContain("churnIntent");
    expect(brief.score.kind).toBe("churn_risk");
    expect(brief.tickets.find((t: { id: string }) => t.id === "K-1")).toMatchObject({
      churn_intent: true,
      category: "billing",
    });
  });
});
