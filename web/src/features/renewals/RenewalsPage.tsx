import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import type { ScoreKind } from "../../api/types.ts";
import { ExportCsvButton } from "../../ui/ExportCsvButton.tsx";
import { fmtDay, fmtInt, fmtUsd } from "../../ui/format.ts";
import { KIND_LABELS } from "../../ui/labels.ts";
import { Empty, ErrorNotice, Loading } from "../../ui/Status.tsx";
import { RENEWAL_WINDOWS, type RenewalWindow, reportApi, reportQueries } from "../reports/report-api.ts";
import { RenewalsTable } from "./RenewalsTable.tsx";
import "../reports/reports.css";

const route = getRouteApi("/renewals");
/** The most rows one request returns; a longer window is in the CSV export. */
const PAGE = 500;

/** Subscriptions due in 30, 60 or 90 days, with ARR, owner and headline risk; sortable and exportable. */
export function RenewalsPage() {
  const search = route.useSearch();
  const navigate = useNavigate();
  const within = Number(search.within ?? "30") as RenewalWindow;
  const { data, error, refetch } = useQuery(reportQueries.renewals({ within, limit: PAGE }));
  const setWithin = (w: RenewalWindow) =>
    void navigate({ to: "/renewals", search: { within: String(w) as "30" | "60" | "90" }, replace: true });
  const open = (customerId: string) =>
    void navigate({ to: "/customers/$customerId", params: { customerId }, search: {} });

  return (
    <section aria-labelledby="renewals-title">
      <div className="page-head">
        <h1 id="renewals-title">Renewals</h1>
        <ExportCsvButton
          fetchCsv={() => reportApi.renewalsCsv(within)}
          fileName={`renewals-${within}-days.csv`}
        />
      </div>
      <fieldset className="window-switch">
        <legend className="visually-hidden">Due within</legend>
        {RENEWAL_WINDOWS.map((w) => (
          <button
            key={w}
            type="button"
            className="secondary"
            aria-pressed={w === within}
            onClick={() => setWithin(w)}
          >
            {w} days
          </button>
        ))}
      </fieldset>
      {error ? (
        <ErrorNotice error={error} title="Could not load the renewals" onRetry={() => void refetch()} />
      ) : null}
      {!data && !error ? <Loading what="renewals" /> : null}
      {data ? (
        <div className="card table-card">
          <p className="renewals-total" data-total={data.total}>
            <strong>
              {fmtInt(data.total)} {data.total === 1 ? "subscription" : "subscriptions"}
            </strong>{" "}
            due by {fmtDay(addDays(data.as_of, within))} (within {within} days of {fmtDay(data.as_of)}),{" "}
            {fmtUsd(data.buckets.find((b) => b.within === within)?.arr ?? 0)} ARR.
            {data.next_cursor ? ` The first ${fmtInt(PAGE)} are shown; the CSV export has them all.` : ""}
          </p>
          {data.items.length === 0 ? (
            <Empty>No subscription renews in this window</Empty>
          ) : (
            <RenewalsTable
              items={data.items}
              onOpen={open}
              headline={(KIND_LABELS[data.headline as ScoreKind] ?? "headline risk").toLowerCase()}
            />
          )}
        </div>
      ) : null}
    </section>
  );
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
