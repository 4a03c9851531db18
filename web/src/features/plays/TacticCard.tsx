import { Link } from "@tanstack/react-router";
import { fmtInt } from "../../ui/format.ts";
import { needsSurface, playWords, stepWords, words } from "../../ui/labels.ts";
import type { Tactic } from "./plays-api.ts";
import { TacticCounts } from "./TacticCounts.tsx";
import { TacticParamsForm } from "./TacticParamsForm.tsx";
import { TacticToggle } from "./TacticToggle.tsx";
import { surfacesOf } from "./tactic-counts.ts";

/** One tactic: what it is, its evidence, live counts, its switch, and its definition and parameters. */
export function TacticCard({ tactic: t }: { tactic: Tactic }) {
  const id = `tactic-${t.slug}`;
  const surfaces = surfacesOf(t);
  return (
    <article className="card tactic-card" aria-labelledby={id} data-tactic={t.slug}>
      <header className="tactic-head">
        <div>
          <h3 id={id}>{t.name}</h3>
          <p className="muted small">
            {t.source}
            {t.scope === "org" ? " · org-level: makes operator insights, never messages a customer" : ""}
          </p>
        </div>
        <TacticToggle tactic={t} />
      </header>
      <p className="tactic-evidence">
        <span className="chip chip-tone-info">Evidence: {words(t.evidence.grade)}</span>{" "}
        <span className="small">{t.evidence.confidence}</span>
      </p>
      <p className="small">
        <span className="muted">Surfaces: </span>
        {surfaces.map(playWords).join(", ") || "none"}
      </p>
      {t.missing_surfaces.length > 0 ? (
        <p className="small needs-surface">
          <strong>{capitalise(needsSurface(t.missing_surfaces))}</strong>: off until the billing surface
          exists.
        </p>
      ) : null}
      <TacticCounts tactic={t} />
      <p className="small">
        <Link to="/plays" search={{ tab: "decisions", tactic: t.slug }}>
          Decisions of this tactic
        </Link>
      </p>
      <details className="tactic-details">
        <summary>Definition and parameters</summary>
        <p className="small">{t.evidence.headline}</p>
        {t.eligibility.length > 0 ? (
          <>
            <h4>Eligible when</h4>
            <ul className="small">
              {t.eligibility.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </>
        ) : null}
        <h4>Guardrails</h4>
        {t.guardrails.length > 0 ? (
          <ul className="small">
            {t.guardrails.map((g) => (
              <li key={`${g.name}:${g.text}`}>{g.text}</li>
            ))}
          </ul>
        ) : (
          <p className="small muted">None beyond the contact policy.</p>
        )}
        <h4>Steps</h4>
        <ol className="small">
          {t.steps.map((s) => (
            <li key={s.id}>
              {playWords(s.surface)}: {stepWords(s.action)}
              {s.wait_days > 0 ? `, ${fmtInt(s.wait_days)} days after the previous step` : ""}
              {s.when !== "always" ? ` (only if the previous one was ${words(s.when)})` : ""}
            </li>
          ))}
        </ol>
        <p className="small">
          <span className="muted">Success: </span>
          {t.success.text}
        </p>
        <TacticParamsForm tactic={t} />
      </details>
    </article>
  );
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
