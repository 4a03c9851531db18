import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { fmtDateTime, fmtInt } from "../../ui/format.ts";
import { ErrorNotice, Loading } from "../../ui/Status.tsx";
import { ApprovalsPanel } from "./ApprovalsPanel.tsx";
import { CountWindow } from "./CountWindow.tsx";
import { DealsPanel } from "./DealsPanel.tsx";
import { DecisionsPanel } from "./DecisionsPanel.tsx";
import { InsightsPanel } from "./InsightsPanel.tsx";
import { PlaysTotals } from "./PlaysTotals.tsx";
import { playsQueries } from "./plays-api.ts";
import { PLAYS_TABS, type PlaysTab } from "./plays-search.ts";
import { TacticCatalog } from "./TacticCatalog.tsx";
import { TasksPanel } from "./TasksPanel.tsx";
import "./plays.css";

const route = getRouteApi("/plays");

const TAB_LABELS: Record<PlaysTab, string> = {
  catalog: "Catalog",
  approvals: "Approvals",
  tasks: "CSM tasks",
  deals: "Deals",
  insights: "Insights",
  decisions: "Decisions",
};

/**
 * The plays engine, operated: the tactic catalog with its live counts, switches and parameters,
 * the approvals queue, CSM tasks, the deal pipeline, operator insights and recent decisions.
 */
export function PlaysPage() {
  const search = route.useSearch();
  const tab: PlaysTab = search.tab ?? "catalog";
  const days = search.days === undefined ? undefined : Number(search.days);
  // One answer feeds the totals and the catalog, so their figures always agree.
  const tactics = useQuery(playsQueries.tactics(days));

  return (
    <section aria-labelledby="plays-title" className="plays">
      <div className="page-head">
        <h1 id="plays-title">Plays</h1>
      </div>
      {tactics.error ? (
        <ErrorNotice
          error={tactics.error}
          title="Could not load the tactics"
          onRetry={() => void tactics.refetch()}
        />
      ) : null}
      <CountWindow days={search.days} tab={tab} />
      {tactics.data ? <PlaysTotals tactics={tactics.data.items} /> : null}
      <nav aria-label="Plays sections">
        <ul className="plays-tabs">
          {PLAYS_TABS.map((t) => (
            <li key={t}>
              <Link
                to="/plays"
                search={{ tab: t, ...(search.days ? { days: search.days } : {}) }}
                aria-current={t === tab ? "page" : undefined}
              >
                {TAB_LABELS[t]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === "catalog" ? (
        tactics.data ? (
          <TacticCatalog tactics={tactics.data.items} />
        ) : tactics.error ? null : (
          <Loading what="tactics" />
        )
      ) : null}
      {tab === "approvals" ? <ApprovalsPanel /> : null}
      {tab === "tasks" ? <TasksPanel /> : null}
      {tab === "deals" ? <DealsPanel /> : null}
      {tab === "insights" ? <InsightsPanel /> : null}
      {tab === "decisions" ? (
        <DecisionsPanel tactic={search.tactic} customer={search.customer} outcome={search.outcome} />
      ) : null}
      {tactics.data ? (
        <p className="muted small">
          {fmtInt(tactics.data.items.length)} tactics; counts cover{" "}
          {tactics.data.since
            ? `decisions since ${fmtDateTime(tactics.data.since)} (in flight: now)`
            : "every decision the engine recorded"}
          .
        </p>
      ) : null}
    </section>
  );
}
