import { useEffect, useId, useState } from "react";
import { RISK_LEVELS } from "../api-types.ts";
import type { CustomerFilters } from "../customer-query.ts";

const PLAN_TIERS = ["Basic", "Pro", "Enterprise"];
const TYPING_DELAY_MS = 350;

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
          onClick={() => onChange({ plan_tier: "", risk_level: "", min_arr: "", churned: "", q: "" })}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}
