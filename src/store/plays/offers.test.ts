import { expect, it } from "vitest";
import { describeStores } from "../../../test/support/stores.ts";
import { offersOf, saveOffers } from "./offers.ts";

const offer = (customer_id: string, status = "proposed") => ({
  // An offer's id names the run and step, not the customer: two customers share it.
  id: "staged-annual-offers@month-3:offer",
  customer_id,
  tactic: "staged-annual-offers",
  surface: "in_app",
  kind: "percent_forever",
  status,
  percent: 15,
  cycles: null,
  months: null,
  days: null,
  trial_id: null,
  proposed_at: "2026-06-01T15:00:00.000Z",
  expires_at: "2026-06-08T15:00:00.000Z",
  decided_at: status === "proposed" ? null : "2026-06-02T09:00:00.000Z",
  ends_at: null,
});

describeStores("offers ledger store", (s) => {
  it("keeps one offer per customer when customers are offered the same step, and answers move only their own", async () => {
    const org = await s.freshOrg();
    await saveOffers(s.db(), org.id, [offer("a"), offer("b")]);
    expect((await offersOf(s.db(), org.id, ["a", "b"])).map((o) => o.customer_id).sort()).toEqual(["a", "b"]);
    await saveOffers(s.db(), org.id, [offer("b", "accepted")]);
    const byCustomer = new Map(
      (await offersOf(s.db(), org.id, ["a", "b"])).map((o) => [o.customer_id, o.status]),
    );
    expect(byCustomer).toEqual(
      new Map([
        ["a", "proposed"],
        ["b", "accepted"],
      ]),
    );
    // A replayed proposal never undoes the acceptance.
    await saveOffers(s.db(), org.id, [offer("b")]);
    expect((await offersOf(s.db(), org.id, ["b"]))[0]!.status).toBe("accepted");
  });
});
