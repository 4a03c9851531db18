import { useEffect, useId, useState } from "react";
import {
  CHURN_RISK_TIERS,
  HEALTH_BANDS,
  LIFECYCLE_STAGES,
  RISK_LEVELS,
  UPGRADE_READINESS,
} from "../../api/types.ts";
import { levelWords } from "../../ui/labels.ts";
import { type CustomerFilters, NO_FILTERS } from "./customer-query.ts";

const PLAN_TIERS = ["Basic", "Pro", "Enterprise"];
const TYPING_DELAY_MS = 350;

/** The score-level filters: one select each, the API's values shown in words. */
const SCORE_FILTERS = [
  { key: "churn_risk_tier", label: "Churn risk tier", values: CHURN_RISK_TIERS },
  { key: "health_band", label: "Health band", values: HEALTH_BANDS },
  { key: "lifecycle_stage", label: "Lifecycle stage", values: LIFECYCLE_STAGES },
  { key: "upgrade_readiness", label: "Upgrade readiness", values: UPGRADE_READINESS },
] as const satisfies readonly { key: keyof CustomerFilters; label: string; values: readonly string[] }[];

interface Props {
  filters: CustomerFilters;
  onChange: (next: CustomerFilters) => void;
}

/** The At-Risk filters: selects apply at once, typed fields after a short pause (or Enter). */
export function CustomerFiltersForm({ filters, onChange }: Props) {
  const id = useId();
  const [text, setText] = useState({ q: filters.q, min_arr: filters.min_arr });

  // Follow the address (back/forward, reset) without losing what is being typed.
  useEffect(() => setText({ q: filters.q, min_arr: filters.min_arr }), [filters.q, filters.min_arr]);

  useEffect(() => {
    if (text.q === filters.q && text.min_arr === filters.min_arr) return;
    const t = setTimeout(() => onChange({ ...filters, ...text }), TYPING_DELAY_MS);
    return () => clearTimeout(t);
  }, [text, filters, onChange]);

  const set = <K extends keyof CustomerFilters>(k: K, v: CustomerFilters[K]) =>
    onChange({ ...filters, ...text, [k]: v });
  const anySet = Object.values(filters).some((v) => v !== "");

  return (
    <form
      className="filters"
      aria-label="Filter customers"
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ ...filters, ...text });
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-tier`}>Plan tier</label>
        <select
          id={`${id}-tier`}
          value={filters.plan_tier}
          onChange={(e) => set("plan_tier", e.target.value)}
        >
          <option value="">Any</option>
          {PLAN_TIERS.map((t) => (
            <option key={t}>{t}</option>
          ))}
          {filters.plan_tier && !PLAN_TIERS.includes(filters.plan_tier) ? (
            <option>{filters.plan_tier}</option>
          ) : null}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-level`}>Risk level</label>
        <select
          id={`${id}-level`}
          value={filters.risk_level}
          onChange={(e) => set("risk_level", e.target.value as CustomerFilters["risk_level"])}
        >
          <option value="">Any</option>
          {RISK_LEVELS.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-arr`}>Minimum ARR (USD)</label>
        <input
          id={`${id}-arr`}
          type="number"
          min={0}
          step={1000}
          inputMode="numeric"
          value={text.min_arr}
          onChange={(e) => setText((t) => ({ ...t, min_arr: e.target.value }))}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-churned`}>Churned</label>
        <select
          id={`${id}-churned`}
          value={filters.churned}
          onChange={(e) => set("churned", e.target.value as CustomerFilters["churned"])}
        >
          <option value="">Any</option>
          <option value="true">Yes</option>
          <option value="false">No</option>
        </select>
      </div>
      {SCORE_FILTERS.map((f) => (
        <div className="field" key={f.key}>
          <label htmlFor={`${id}-${f.key}`}>{f.label}</label>
          <select
            id={`${id}-${f.key}`}
            value={filters[f.key]}
            onChange={(e) => set(f.key, e.target.value as CustomerFilters[typeof f.key])}
          >
            <option value="">Any</option>
            {f.values.map((v) => (
              <option key={v} value={v}>
                {levelWords(v)}
              </option>
            ))}
          </select>
        </div>
      ))}
      <div className="field field-grow">
        <label htmlFor={`${id}-q`}>Search</label>
        <input
          id={`${id}-q`}
          type="search"
          placeholder="Customer, account id or name"
          maxLength={200}
          value={text.q}
          onChange={(e) => setText((t) => ({ ...t, q: e.target.value }))}
        />
      </div>
      <div className="field field-actions">
        <button
          type="button"
          className="secondary"
          disabled={!anySet && text.q === "" && text.min_arr === ""}
          onClick={() => onChange(NO_FILTERS)}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}
