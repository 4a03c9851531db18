import { useEffect, useRef, useState } from "react";
import type { CustomerBrief, RecomputeResult, ScoreKind, ScoreView } from "../api-types.ts";
import { SCORE_KIND_LIST } from "../api-types.ts";
import { LevelChip } from "../components/LevelChip.tsx";
import { LifecycleHistory } from "../components/LifecycleHistory.tsx";
import { NpsPanel } from "../components/NpsPanel.tsx";
import { RecomputeButton } from "../components/RecomputeButton.tsx";
import { RiskChip } from "../components/RiskChip.tsx";
import { ScoreCard } from "../components/ScoreCard.tsx";
import { ScoreTrendPanel } from "../components/ScoreTrendPanel.tsx";
import { Empty, ErrorNotice, Loading } from "../components/Status.tsx";
import { UsageMeters } from "../components/UsageMeters.tsx";
import { fmtDateTimeSeconds, fmtDay, fmtInt, fmtUsd } from "../format.ts";
import { hrefFor } from "../router.ts";
import { useApi } from "../useApi.ts";

type Scores = Partial<Record<ScoreKind, ScoreView>>;
const HEADLINE_KINDS = ["lifecycle_stage", "churn_risk", "health"] as const satisfies readonly ScoreKind[];

/** The latest computed_at among the scores (when they were last recomputed). */
function lastComputed(scores: Scores): string | null {
  let at: string | null = null;
  for (const v of Object.values(scores)) if (v && (at === null || v.computed_at > at)) at = v.computed_at;
  return at;
}

interface Props {
  customerId: string;
  /** `back`: the At-Risk list's query to return to. */
  params: URLSearchParams;
}

/** One customer: every score with its signals, trends, lifecycle, NPS, plan-limit meters, and a recompute. */
export function CustomerPage({ customerId, params }: Props) {
  const path = `/v1/customers/${encodeURIComponent(customerId)}`;
  const { data, error, loading, reload, setData } = useApi<CustomerBrief>(path);
  const brief = data?.customer.customer_id === customerId ? data : null;
  const [version, setVersion] = useState(0);
  const [recomputed, setRecomputed] = useState<RecomputeResult | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const shownId = brief?.customer.customer_id;
  useEffect(() => {
    if (shownId) heading.current?.focus();
  }, [shownId]);

  const back = params.get("back");
  const backHref = back
    ? `${hrefFor("at-risk")}?${new URLSearchParams(back)}`
    : hrefFor("at-risk", { customer: customerId });

  const onRecomputed = (r: RecomputeResult) => {
    setRecomputed(r);
    setData((b) => (b ? { ...b, scores: r.scores } : b));
    setVersion((v) => v + 1);
    reload(); // lifecycle history and the list fields follow the new scores
  };

  const scores: Scores = brief?.scores ?? {};
  const computedAt = lastComputed(recomputed?.scores ?? scores);
  const anyScore = Object.keys(scores).length > 0;

  return (
    <section aria-labelledby="customer-title" className="customer-page">
      <p className="crumbs">
        <a href={backHref} className="back-link">
          <span aria-hidden="true">← </span>At-Risk list
        </a>
      </p>
      {error ? <ErrorNotice error={error} title={`Customer ${customerId}`} /> : null}
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
              <ul className="chip-row" aria-label="Current levels">
                {HEADLINE_KINDS.map((k) => {
                  const v = scores[k];
                  return v ? (
                    <li key={k}>
                      <LevelChip kind={k} level={v.level} labelled />
                    </li>
                  ) : null;
                })}
                {brief.customer.risk_level ? (
                  <li className="chip-with-label">
                    <span className="muted small">Early warning</span>
                    <RiskChip level={brief.customer.risk_level} />
                  </li>
                ) : null}
                {brief.customer.churned ? (
                  <li>
                    <span className="tag tag-churned">Churned (label)</span>
                  </li>
                ) : null}
              </ul>
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

          <ScoreTrendPanel customerId={customerId} version={version} />

          <section className="card" aria-labelledby="scores-title">
            <h2 id="scores-title">Scores</h2>
            <p className="muted small">Each score with its tier, band or stage, and the signals behind it.</p>
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

          <LifecycleHistory items={brief.lifecycle_history} />
        </>
      ) : null}
    </section>
  );
}
