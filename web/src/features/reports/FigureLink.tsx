import "./reports.css";

interface Props {
  label: string;
  value: string;
  hint?: string;
  /** The list of exactly the customers the figure counts. */
  href?: string;
  /** For tests and tools: the figure as a number. */
  raw?: number;
  name?: string;
}

/** One headline figure; with an address it is a link to the customers it counts. */
export function FigureLink({ label, value, hint, href, raw, name }: Props) {
  const body = (
    <>
      <span className="figure-label">{label}</span>
      <span className="figure-value">{value}</span>
      {hint ? <span className="figure-hint">{hint}</span> : null}
    </>
  );
  const data = { "data-figure": name, "data-value": raw };
  return href ? (
    <a className="figure-link" href={href} {...data} title={`Open the list of these customers`}>
      {body}
    </a>
  ) : (
    <div className="figure-link" {...data}>
      {body}
    </div>
  );
}
