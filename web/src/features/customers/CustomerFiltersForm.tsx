import { useEffect, useId, useState } from "react";
import { fmtInt } from "../../ui/format.ts";
import {
  BOOK_VALUES,
  type Book,
  type CustomerFilters,
  minArrProblem,
  NO_FILTERS,
  SELECT_FILTERS,
  type SelectFilter,
} from "./customer-query.ts";
import type { CustomerFacets, FacetField } from "./customer-types.ts";

const TYPING_DELAY_MS = 350;

const BOOK_LABELS: Record<Book, string> = { live: "Live", churned: "Churned", all: "All" };

/** Each select's label; the options and their counts are the facets endpoint's. */
const FILTER_LABELS: Record<SelectFilter, string> = {
  status: "Status",
  plan_tier: "Plan tier",
  risk_level: "Churn risk",
  driver: "Driver",
  churn_risk_tier: "Churn risk tier",
  health_band: "Health band",
  lifecycle_stage: "Lifecycle stage",
  upgrade_readiness: "Upgrade readiness",
  usage_limits: "Plan limits",
  usage_trend: "Usage trend",
};

/** The filters first in the form (the score filters follow the ARR and search fields). */
const MAIN_FILTERS: readonly SelectFilter[] = ["status", "plan_tier", "risk_level", "driver"];

interface Props {
  filters: CustomerFilters;
  onChange: (next: CustomerFilters) => void;
  facets: CustomerFacets | undefined;
  /** The API's 400 message per field it names (e.g. min_arr). */
  fieldErrors: Partial<Record<string, string>>;
}

/** The At-Risk filters: the book switch and selects apply at once, typed fields after a short pause (or Enter). */
export function CustomerFiltersForm({ filters, onChange, facets, fieldErrors }: Props) {
  const id = useId();
  const [text, setText] = useState({ q: filters.q, min_arr: filters.min_arr });
  const arrProblem = minArrProblem(text.min_arr);

  // Follow the address (back/forward, reset) without losing what is being typed.
  useEffect(() => setText({ q: filters.q, min_arr: filters.min_arr }), [filters.q, filters.min_arr]);

  useEffect(() => {
    if (text.q === filters.q && text.min_arr === filters.min_arr) return;
    if (minArrProblem(text.min_arr)) return; // refused in the form: nothing is asked
    const t = setTimeout(() => onChange({ ...filters, ...text }), TYPING_DELAY_MS);
    return () => clearTimeout(t);
  }, [text, filters, onChange]);

  const typed = arrProblem ? { q: text.q } : text;
  const set = <K extends keyof CustomerFilters>(k: K, v: CustomerFilters[K]) =>
    onChange({ ...filters, ...typed, [k]: v });
  const anySet = Object.entries(filters).some(([k, v]) => v !== NO_FILTERS[k as keyof CustomerFilters]);
  const bookCount = (b: Book) => facets?.facets.book.find((o) => o.value === b)?.count;

  const select = (k: SelectFilter) => {
    const options = facets?.facets[k as FacetField] ?? [];
    const current = filters[k];
    const error = fieldErrors[k];
    return (
      <div className="field" key={k}>
        <label htmlFor={`${id}-${k}`}>
          {k === "risk_level" && facets?.headline === "early_warning" ? "Early warning" : FILTER_LABELS[k]}
        </label>
        <select
          id={`${id}-${k}`}
          value={current}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-${k}-error` : undefined}
          onChange={(e) => set(k, e.target.value)}
        >
          <option value="">Any</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label} ({fmtInt(o.count)})
            </option>
          ))}
          {current && !options.some((o) => o.value === current) ? (
            <option value={current}>{current} (0)</option>
          ) : null}
        </select>
        {error ? (
          <p className="field-error" id={`${id}-${k}-error`} role="alert">
            {error}
          </p>
        ) : null}
      </div>
    );
  };
  const arrError = arrProblem ?? fieldErrors.min_arr;

  return (
    <form
      className="filters"
      aria-label="Filter customers"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!arrProblem) onChange({ ...filters, ...text });
      }}
    >
      <fieldset className="book-switch">
        <legend>Customers</legend>
        {BOOK_VALUES.map((b) => (
          <label key={b} className={filters.book === b ? "book-option is-on" : "book-option"}>
            <input
              type="radio"
              name={`${id}-book`}
              value={b}
              checked={filters.book === b}
              onChange={() => set("book", b)}
            />
            {BOOK_LABELS[b]}
            {bookCount(b) === undefined ? null : (
              <span className="muted"> ({fmtInt(bookCount(b) ?? 0)})</span>
            )}
          </label>
        ))}
      </fieldset>
      {MAIN_FILTERS.map(select)}
      <div className="field">
        <label htmlFor={`${id}-arr`}>Minimum ARR (USD)</label>
        <input
          id={`${id}-arr`}
          type="number"
          min={0}
          step={1000}
          inputMode="numeric"
          value={text.min_arr}
          aria-invalid={arrError ? true : undefined}
          aria-describedby={arrError ? `${id}-arr-error` : undefined}
          onChange={(e) => setText((t) => ({ ...t, min_arr: e.target.value }))}
        />
        {arrError ? (
          <p className="field-error" id={`${id}-arr-error`} role="alert">
            {arrError}
          </p>
        ) : null}
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
        {fieldErrors.q ? (
          <p className="field-error" role="alert">
            {fieldErrors.q}
          </p>
        ) : null}
      </div>
      {SELECT_FILTERS.filter((k) => !MAIN_FILTERS.includes(k)).map(select)}
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
