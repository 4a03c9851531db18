interface Props {
  label: string;
  value: string;
  hint?: string;
}

/** One headline figure. */
export function StatCard({ label, value, hint }: Props) {
  return (
    <div className="stat-card">
      <dt>{label}</dt>
      <dd>
        <span className="stat-value">{value}</span>
        {hint ? <span className="stat-hint">{hint}</span> : null}
      </dd>
    </div>
  );
}
