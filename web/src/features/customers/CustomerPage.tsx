import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useEffect, useRef, useState } from "react";
import { queries } from "../../api/queries.ts";
import type { RecomputeResult, ScoreKind, ScoreView } from "../../api/types.ts";
import { SCORE_KIND_LIST } from "../../api/types.ts";
import { fmtDateTimeSeconds, fmtDay, fmtInt, fmtUsd } from "../../ui/format.ts";
import { LevelChip } from "../../ui/LevelChip.tsx";
import { Empty, ErrorNotice, Loading } from "../../ui/Status.tsx";
import { CustomerModelExplanation } from "../models/CustomerModelExplanation.tsx";
import { CustomerPlays } from "../plays/CustomerPlays.tsx";
import { searchFromBack } from "./customer-query.ts";
import { LifecycleHistory } from "./LifecycleHistory.tsx";
import { NpsPanel } from "./NpsPanel.tsx";
import { RecomputeButton } from "./RecomputeButton.tsx";
import { RiskSummary } from "./RiskSummary.tsx";
import { ScoreCard } from "./ScoreCard.tsx";
import { ScoreTrendPanel } from "./ScoreTrendPanel.tsx";
import { StatusChip } from "./StatusChip.tsx";
import { TimelineSection } from "./TimelineSection.tsx";
import { UsageMeters } from "./UsageMeters.tsx";
import "./customers.css";

type Scores = Partial<Record<ScoreKind, ScoreView>>;

/** The latest computed_at among the scores (when they were last recomputed). */
function lastComputed(scores: Scores): string | null {
  let at: string | null = null;
  for (const v of Object.values(scores)) if (v && (at === null || v.computed_at > at)) at = v.computed_at;
  return at;
}

const route = getRouteApi("/customers/$customerId");

/** The customer page of `#/customers/<id>?back=<the At-Risk query>`: a fresh view per customer. */
export function CustomerPage() {
  const { customerId } = route.useParams();
  const { back } = route.useSearch();
  return <CustomerView key={customerId} customerId={customerId} back={back} />;
}

interface Props {
  customerId: string;
  /** The At-Risk list's query to return to. */
  back: string | undefined;
}

/** One customer: every score with its signals, trends, lifecycle, NPS, plan-limit meters, and a recompute. */
function CustomerView({ customerId, back }: Props) {
  const queryClient = useQueryClient();
  const briefQuery = queries.customer(customerId);
  const { data, error, isPending: loading, refetch } = useQuery(briefQuery);
  const brief = data?.customer.customer_id === customerId ? data : null;
  const [recomputed, setRecomputed] = useState<RecomputeResult | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const shownId = brief?.customer.customer_id;
  useEffect(() => {
    if (shownId) heading.current?.focus();
  }, [shownId]);

  const backSearch = back ? searchFromBack(back) : { customer: customerId };

  // The new scores show at once; the recompute (a write) makes the query client refetch the brief,
  // its trend, lifecycle history and the list.
  const onRecomputed = (r: RecomputeResult) => {
    setRecomputed(r);
    queryClient.setQueryData(briefQuery.queryKey, (b) => (b ? { ...b, scores: r.scores } : b));
  };

  const scores: Scores = brief?.scores ?? {};
  const computedAt = lastComputed(recomputed?.scores ?? scores);
  const anyScore = Object.keys(scores).length > 0;

  return (
    <section aria-labelledby="customer-title" className="customer-page">
      <p className="crumbs">
        <Link to="/at-risk" search={backSearch} className="back-link">
          <span aria-hidden="true">← </span>At-Risk list
        </Link>
      </p>
      {error ? (
        <ErrorNotice
          error={error}
          title={`Could not load customer ${customerId}`}
          onRetry={() => void refetch()}
        />
      ) : null}
      {!brief && !error && loading ? <Loading what="customer" /> : null}
      {brief ? (
        <>
          <header className="card customer-head">
            <div>
              <h1 id="customer-title" ref={heading} tabIndex={-1}>
                {brief.customer.account_name ?? brief.customer.account_id}
              </h1>
              <p className="mono muted">
                {brief.customer.customer_id} · {brief.customer.account_id}
              </p>
              <dl className="figures">
                <div>
                  <dt>Plan</dt>
                  <dd>
                    {brief.customer.plan_tier ?? "—"}
                    {brief.customer.is_trial ? " (trial)" : ""}
                  </dd>
                </div>
                <div>
                  <dt>ARR</dt>
                  <dd>{fmtUsd(brief.customer.arr)}</dd>
                </div>
                <div>
                  <dt>Seats</dt>
                  <dd>{brief.customer.seats === null ? "—" : fmtInt(brief.customer.seats)}</dd>
                </div>
                <div>
                  <dt>Signed up</dt>
                  <dd>{fmtDay(brief.customer.signup_date)}</dd>
                </div>
              </dl>
              <p className="brief-headline">{brief.headline}</p>
              <div className="brief-status">
                <StatusChip customer={brief.customer} />
                {scores.lifecycle_stage ? (
                  <LevelChip kind="lifecycle_stage" level={scores.lifecycle_stage.level} labelled />
                ) : null}
              </div>
              <RiskSummary brief={brief} />
            </div>
            <div className="customer-actions">
              <RecomputeButton customerId={customerId} onDone={onRecomputed} />
              <p className="muted small" role="status" aria-live="polite">
                {recomputed ? (
                  <>
                    Recomputed at{" "}
                    <time className="computed-at" dateTime={computedAt ?? undefined}>
                      {fmtDateTimeSeconds(computedAt)}
                    </time>
                    ; scores as of {fmtDay(recomputed.as_of)}
                  </>
                ) : computedAt ? (
                  <>
                    Scores computed{" "}
                    <time className="computed-at" dateTime={computedAt}>
                      {fmtDateTimeSeconds(computedAt)}
                    </time>
                  </>
                ) : (
                  "Not scored yet"
                )}
              </p>
            </div>
          </header>

          {anyScore ? null : <Empty>Not scored yet: Recompute now computes every score</Empty>}

          {brief.customer.status === "churned" ? (
            // A churned customer's scores are how it stood when it left, not a live risk: its trend,
            // score cards and meters sit behind one disclosure, closed.
            <details className="card scores-at-churn">
              <summary>
                <h2 id="scores-title">Scores at churn</h2>{" "}
                <span className="muted small">
                  {`(as they stood${brief.customer.churn_date ? ` on ${fmtDay(brief.customer.churn_date)}` : ""}; no live risk)`}
                </span>
              </summary>
              <ScoreTrendPanel customerId={customerId} />
              <div className="score-grid">
                {SCORE_KIND_LIST.map((k) => (
                  <ScoreCard key={k} kind={k} view={scores[k]} />
                ))}
              </div>
              <div className="two-col">
                <NpsPanel view={scores.nps} />
                <UsageMeters view={scores.usage_limits} />
              </div>
            </details>
          ) : (
            <>
              <ScoreTrendPanel customerId={customerId} />
              <section className="card" aria-labelledby="scores-title">
                <h2 id="scores-title">Scores</h2>
                <p className="muted small">
                  Each score with its tier, band or stage, and the signals behind it.
                </p>
                <div className="score-grid">
                  {SCORE_KIND_LIST.map((k) => (
                    <ScoreCard key={k} kind={k} view={scores[k]} />
                  ))}
                </div>
              </section>
              <div className="two-col">
                <NpsPanel view={scores.nps} />
                <UsageMeters view={scores.usage_limits} />
              </div>
            </>
          )}

          <CustomerModelExplanation customerId={customerId} />
          <LifecycleHistory items={brief.lifecycle_history} />
          <CustomerPlays customerId={customerId} />
          <TimelineSection customerId={customerId} />
        </>
      ) : null}
    </section>
  );
}
