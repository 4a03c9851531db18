import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type ApiError, toApiError } from "../../api/http.ts";
import { fmtDateTimeSeconds, fmtDay, fmtInt } from "../../ui/format.ts";
import { Empty, ErrorNotice, Loading } from "../../ui/Status.tsx";
import { LiftChart, ReliabilityPlot } from "./ModelCharts.tsx";
import { type Figures, type ModelView, metricsOf, modelApi, modelQueries, modelsKey } from "./models-api.ts";
import "./models.css";

const f3 = (v: number | null | undefined) =>
  typeof v === "number" && Number.isFinite(v) ? v.toFixed(3) : "–";
const pct = (v: number | null | undefined) =>
  typeof v === "number" && Number.isFinite(v) ? `${Math.round(v * 100)}%` : "–";
const KIND_WORDS = { churn: "Churn model", expansion: "Expansion model" } as const;
const BASELINE_WORDS: Record<string, string> = {
  churn_risk: "Composite churn risk",
  early_warning: "Early-warning rules",
  upgrade_readiness: "Upgrade readiness",
};

function FiguresRow({ name, f }: { name: string; f: Figures }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{f3(f.auc)}</td>
      <td>{f3(f.prAuc)}</td>
      <td>{pct(f.precisionAt["5"])}</td>
      <td>{pct(f.precisionAt["10"])}</td>
      <td>{pct(f.precisionAt["20"])}</td>
      <td>{pct(f.recallAt["10"])}</td>
      <td>{f3(f.brier)}</td>
      <td>{f3(f.ece)}</td>
    </tr>
  );
}

/** One model's card: status and why, figures against the baselines, calibration, lift, top features. */
function ModelCard({ model }: { model: ModelView }) {
  const m = metricsOf(model);
  const qc = useQueryClient();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const promote = useMutation({
    mutationFn: () => modelApi.promote(model.id, reason),
    onSuccess: () => {
      setReason("");
      setError(null);
      void qc.invalidateQueries({ queryKey: modelsKey });
      void qc.invalidateQueries({ queryKey: ["customers"] });
    },
    onError: (e) => setError(toApiError(e)),
  });
  const titleId = `model-${model.id}-title`;
  return (
    <section className="card model-card" aria-labelledby={titleId}>
      <div className="card-head">
        <h2 id={titleId}>
          {KIND_WORDS[model.kind]} v{model.version}{" "}
          <span className={`model-status model-status-${model.status}`}>{model.status}</span>
        </h2>
      </div>
      <p>{model.statusReason}</p>
      <dl className="model-facts">
        <dt>Learner</dt>
        <dd>{model.learner === "gbt" ? "Gradient-boosted trees" : "Logistic regression"}</dd>
        <dt>Data window</dt>
        <dd>
          {fmtDay(model.window.from)} to {fmtDay(model.window.to)}; {m.train.snapshots} monthly training
          snapshots, {fmtInt(m.train.rows)} rows ({fmtInt(m.train.positives)} positives)
        </dd>
        <dt>Validation window</dt>
        <dd>
          as of {fmtDay(m.validation.day)}, outcome within {model.horizonDays} days:{" "}
          {fmtInt(m.validation.rows)} customers, {fmtInt(m.validation.positives)} positives (
          {pct(m.validation.baseRate)})
        </dd>
        <dt>Trained</dt>
        <dd>
          {fmtDateTimeSeconds(model.createdAt)} by {model.createdBy} in {fmtInt(model.trainingMs)} ms;{" "}
          {fmtInt(Math.round(model.sizeBytes / 1024))} KiB
        </dd>
        {model.promotedAt ? (
          <>
            <dt>Promoted</dt>
            <dd>
              {fmtDateTimeSeconds(model.promotedAt)} by {model.promotedBy}
            </dd>
          </>
        ) : null}
      </dl>
      <div className="table-wrap">
        <table className="model-figures">
          <caption className="muted small">Validation figures on the same customers and window</caption>
          <thead>
            <tr>
              <th scope="col">Ranking</th>
              <th scope="col">AUC</th>
              <th scope="col">PR-AUC</th>
              <th scope="col">Precision top 5%</th>
              <th scope="col">top 10%</th>
              <th scope="col">top 20%</th>
              <th scope="col">Recall top 10%</th>
              <th scope="col">Brier</th>
              <th scope="col">Calibration error</th>
            </tr>
          </thead>
          <tbody>
            <FiguresRow name="This model (calibrated)" f={m.model} />
            {Object.entries(m.baselines).map(([name, f]) => (
              <FiguresRow key={name} name={BASELINE_WORDS[name] ?? name} f={f} />
            ))}
          </tbody>
        </table>
      </div>
      <div className="model-charts">
        {m.model.reliability ? <ReliabilityPlot bins={m.model.reliability} /> : null}
        <LiftChart curves={m.liftCurves} />
        <div>
          <h3>Top features</h3>
          <p className="muted small">Mean absolute contribution to the log-odds on the validation window</p>
          <ol className="model-importance">
            {m.importance.slice(0, 10).map((f) => (
              <li key={f.name}>
                <span>{f.name.replaceAll("_", " ")}</span>{" "}
                <meter
                  min={0}
                  max={m.importance[0]?.value || 1}
                  value={f.value}
                  aria-label={`${f.name} importance`}
                />{" "}
                <span className="muted small">{f.value.toFixed(3)}</span>
              </li>
            ))}
          </ol>
        </div>
      </div>
      {model.status !== "promoted" ? (
        <form
          className="model-promote"
          onSubmit={(e) => {
            e.preventDefault();
            promote.mutate();
          }}
        >
          <label>
            Promote by hand (admin), because{" "}
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              minLength={3}
              maxLength={500}
              required
            />
          </label>{" "}
          <button type="submit" disabled={promote.isPending}>
            {promote.isPending ? "Promoting…" : "Promote"}
          </button>
        </form>
      ) : null}
      {error ? <ErrorNotice error={error} title="Could not promote the model" /> : null}
    </section>
  );
}

/** The model cards: the promoted model of each kind (else the newest), and every version below. */
export function ModelsPage() {
  const list = useQuery(modelQueries.list());
  const qc = useQueryClient();
  const [trainError, setTrainError] = useState<ApiError | null>(null);
  const [queued, setQueued] = useState<string | null>(null);
  const train = useMutation({
    mutationFn: () => modelApi.train(),
    onSuccess: (r) => {
      setTrainError(null);
      setQueued(`Training queued: ${r.jobs.map((j) => `${j.kind} (job ${j.id})`).join(", ")}`);
      void qc.invalidateQueries({ queryKey: modelsKey });
    },
    onError: (e) => setTrainError(toApiError(e)),
  });
  const data = list.data;
  const shown = (["churn", "expansion"] as const).flatMap((kind) => {
    const ofKind = (data?.models ?? []).filter((m) => m.kind === kind);
    const pick = ofKind.find((m) => m.status === "promoted") ?? ofKind[0];
    return pick ? [pick] : [];
  });
  return (
    <section aria-labelledby="models-title" className="models-page">
      <div className="card-head">
        <h1 id="models-title">Models</h1>
        <button type="button" onClick={() => train.mutate()} disabled={train.isPending}>
          {train.isPending ? "Queueing…" : "Train now"}
        </button>
      </div>
      {data ? (
        <p className="muted">
          Churn risk comes from the promoted churn model's calibrated probability; without one it is the
          composite score. A model is promoted only when it beats the headline score on the newest validation
          window, and only with at least {data.minimum.snapshots} monthly snapshots and{" "}
          {data.minimum.positives} positives of history (outcome within {data.horizonDays} days).
        </p>
      ) : null}
      {queued ? <p role="status">{queued}</p> : null}
      {trainError ? <ErrorNotice error={trainError} title="Could not queue training" /> : null}
      {list.error ? <ErrorNotice error={toApiError(list.error)} title="Could not load the models" /> : null}
      {list.isPending && !list.error ? <Loading what="models" /> : null}
      {data && data.models.length === 0 ? (
        <Empty>No model trained yet: Train now queues the churn and expansion models</Empty>
      ) : null}
      {shown.map((m) => (
        <ModelCard key={m.id} model={m} />
      ))}
      {data && data.models.length > 0 ? (
        <section className="card" aria-labelledby="versions-title">
          <h2 id="versions-title">All versions</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Status</th>
                  <th scope="col">Learner</th>
                  <th scope="col">AUC</th>
                  <th scope="col">Headline AUC</th>
                  <th scope="col">Trained</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {data.models.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      {KIND_WORDS[m.kind]} v{m.version}
                    </th>
                    <td>{m.status}</td>
                    <td>{m.learner}</td>
                    <td>{f3(metricsOf(m).model?.auc)}</td>
                    <td>{f3(metricsOf(m).headline?.auc)}</td>
                    <td>{fmtDateTimeSeconds(m.createdAt)}</td>
                    <td>{m.statusReason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </section>
  );
}
