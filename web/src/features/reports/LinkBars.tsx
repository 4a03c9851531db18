import "./reports.css";

export interface LinkBar {
  key: string;
  label: string;
  value: number;
  /** Shown beside the value (e.g. the ARR). */
  note?: string;
  /** Where the bar leads (the list filtered to exactly the customers it counts). */
  href?: string;
  color?: string;
}

interface Props {
  bars: readonly LinkBar[];
  /** What the bars count, for assistive technology ("Customers per driver"). */
  title: string;
  format: (n: number) => string;
  /** The scale's top; default: the largest value. */
  max?: number;
  /** Words for the scale under the bars ("Scale: 0 to 10 out of 100"). */
  scaleNote?: string;
}

/**
 * Horizontal bars drawn in HTML, each a link with its value written beside it: readable at any width,
 * reachable by keyboard, and each one opens the list of the customers it counts.
 */
export function LinkBars({ bars, title, format, max, scaleNote }: Props) {
  const top = max ?? Math.max(1, ...bars.map((b) => b.value));
  return (
    <figure className="link-bars">
      <ul aria-label={title}>
        {bars.map((b) => {
          const width = `${Math.max(0, Math.min(100, (b.value / top) * 100))}%`;
          const body = (
            <>
              <span className="link-bar-label">{b.label}</span>
              <span className="link-bar-track" aria-hidden="true">
                <span className="link-bar-fill" style={{ width, background: b.color ?? undefined }} />
              </span>
              <span className="link-bar-value">{format(b.value)}</span>
              {b.note ? <span className="link-bar-note muted small">{b.note}</span> : null}
            </>
          );
          return (
            <li key={b.key}>
              {b.href ? (
                <a className="link-bar" href={b.href} data-key={b.key} data-value={b.value}>
                  {body}
                </a>
              ) : (
                <span className="link-bar" data-key={b.key} data-value={b.value}>
                  {body}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {scaleNote ? <figcaption className="muted small">{scaleNote}</figcaption> : null}
    </figure>
  );
}
