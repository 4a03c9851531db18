import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { type FormEvent, useId, useState } from "react";
import { playWords } from "../../ui/labels.ts";
import { Empty, ErrorNotice, Loading } from "../../ui/Status.tsx";
import { DecisionsTable } from "./DecisionsTable.tsx";
import { PLAY_OUTCOMES, type PlayOutcome, playsQueries } from "./plays-api.ts";

const PAGE = 50;

interface Props {
  tactic: string | undefined;
  customer: string | undefined;
  outcome: PlayOutcome | undefined;
}

/** Recent decisions, newest first, filtered by tactic, customer and outcome (in the address), paged. */
export function DecisionsPanel({ tactic, customer, outcome }: Props) {
  const id = useId();
  const navigate = useNavigate();
  const tactics = useQuery(playsQueries.tactics());
  // The pages seen so far (their cursors), so Newer goes back without refetching the list's start.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const { data, error, refetch } = useQuery(
    playsQueries.decisions({ tactic, customer, outcome, cursor, limit: PAGE }),
  );
  const [customerText, setCustomerText] = useState(customer ?? "");

  const setFilters = (next: Partial<Props>) => {
    setCursors([undefined]);
    const merged = { tactic, customer, outcome, ...next };
    void navigate({
      to: "/plays",
      search: {
        tab: "decisions",
        ...(merged.tactic ? { tactic: merged.tactic } : {}),
        ...(merged.customer ? { customer: merged.customer } : {}),
        ...(merged.outcome ? { outcome: merged.outcome } : {}),
      },
      replace: true,
    });
  };
  const onCustomer = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ customer: customerText.trim() || undefined });
  };

  return (
    <section className="card" aria-labelledby="decisions-title">
      <h2 id="decisions-title">Recent decisions</h2>
      <p className="muted small">
        Every fire, deferral and suppression, with the rule that suppressed it and when it may fire again.
      </p>
      <form className="filters plays-filters" onSubmit={onCustomer}>
        <div className="field">
          <label htmlFor={`${id}-tactic`}>Tactic</label>
          <select
            id={`${id}-tactic`}
            value={tactic ?? ""}
            onChange={(e) => setFilters({ tactic: e.target.value || undefined })}
          >
            <option value="">Every tactic</option>
            {(tactics.data?.items ?? []).map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-outcome`}>Outcome</label>
          <select
            id={`${id}-outcome`}
            value={outcome ?? ""}
            onChange={(e) =>
              setFilters({ outcome: (e.target.value || undefined) as PlayOutcome | undefined })
            }
          >
            <option value="">Any outcome</option>
            {PLAY_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {playWords(o)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-customer`}>Customer id</label>
          <input
            id={`${id}-customer`}
            value={customerText}
            placeholder="Any customer"
            onChange={(e) => setCustomerText(e.target.value)}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="secondary">
            Filter
          </button>
        </div>
      </form>
      {error ? (
        <ErrorNotice error={error} title="Could not load the decisions" onRetry={() => void refetch()} />
      ) : null}
      {!data && !error ? <Loading what="decisions" /> : null}
      {data && data.items.length === 0 ? <Empty>No decisions match</Empty> : null}
      {data && data.items.length > 0 ? <DecisionsTable items={data.items} /> : null}
      {data && (cursors.length > 1 || data.next_cursor) ? (
        <div className="pager">
          <button
            type="button"
            className="secondary"
            disabled={cursors.length <= 1}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            Newer
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!data.next_cursor}
            onClick={() => data.next_cursor && setCursors((c) => [...c, data.next_cursor ?? undefined])}
          >
            Older
          </button>
        </div>
      ) : null}
    </section>
  );
}
