import type { CustomerBrief } from "../../api/types.ts";
import { fmtDay, fmtUsd } from "../../ui/format.ts";
import { words } from "../../ui/labels.ts";

const TONES: Record<string, string> = {
  active: "good",
  trialing: "info",
  paused: "warn",
  past_due: "bad",
  churned: "severe",
};

/**
 * The customer's one status (from its subscriptions): Active, Trialing, Paused, Past due, or Churned
 * with its date, reason and the ARR it took. Nothing else on the page says whether it churned.
 */
export function StatusChip({ customer }: { customer: CustomerBrief["customer"] }) {
  const { status } = customer;
  if (!status) return <span className="chip chip-tone-none">Status not known yet</span>;
  const label = customer.status_label ?? words(status);
  if (status !== "churned")
    return (
      <span className={`chip chip-tone-${TONES[status] ?? "none"}`} data-status={status}>
        <span className="visually-hidden">Status: </span>
        {label}
      </span>
    );
  const reason = customer.churn_reason_label ?? (customer.churn_reason ? words(customer.churn_reason) : null);
  return (
    <span className="status-churned" data-status="churned">
      <span className="chip chip-tone-severe">
        <span className="visually-hidden">Status: </span>
        {label}
        {customer.churn_date ? ` on ${fmtDay(customer.churn_date)}` : ""}
      </span>
      <span className="small">
        {reason ? `Reason: ${reason}` : "Reason not recorded"}
        {customer.lost_arr !== null ? ` · Lost ARR ${fmtUsd(customer.lost_arr)}` : ""}
      </span>
    </span>
  );
}
