import type { ExecutiveReport } from "../../api/types.ts";
import { fmtDay, fmtInt, fmtUsd } from "../../ui/format.ts";
import { Empty } from "../../ui/Status.tsx";
import { atRiskHref } from "./drill-links.ts";
import { FigureLink } from "./FigureLink.tsx";
import { LinkBars } from "./LinkBars.tsx";
import { fmtMonth } from "./RetentionTrend.tsx";

/** Lost business apart from the live book: churned customers and the ARR they took, by reason and month. */
export function LostBusiness({ lost }: { lost: ExecutiveReport["lost"] }) {
  return (
    <section className="card" aria-labelledby="lost-title">
      <h2 id="lost-title">Lost business</h2>
      <p className="muted small">
        Customers that churned from {fmtDay(lost.from)} to {fmtDay(lost.to)}, and the ARR they took.
      </p>
      <div className="figure-grid">
        <FigureLink
          name="lost-customers"
          raw={lost.customers}
          label="Churned customers"
          value={fmtInt(lost.customers)}
          href={atRiskHref({ book: "churned" })}
          hint="Open the churned customers"
        />
        <FigureLink name="lost-arr" raw={lost.arr} label="Lost ARR" value={fmtUsd(lost.arr)} />
      </div>
      {lost.customers === 0 ? (
        <Empty>No customer churned in the period</Empty>
      ) : (
        <>
          <h3>By reason</h3>
          <LinkBars
            title="Lost ARR by churn reason"
            format={fmtUsd}
            bars={lost.by_reason.map((r) => ({
              key: r.key,
              label: r.label,
              value: r.arr,
              note: `(${fmtInt(r.customers)} ${r.customers === 1 ? "customer" : "customers"})`,
              color: "#c2410c",
            }))}
          />
          <h3>By month</h3>
          <LinkBars
            title="Lost ARR by month"
            format={fmtUsd}
            bars={lost.by_month.map((m) => ({
              key: m.month,
              label: fmtMonth(m.month),
              value: m.arr,
              note: `(${fmtInt(m.customers)})`,
              color: "#c2410c",
            }))}
          />
        </>
      )}
    </section>
  );
}
