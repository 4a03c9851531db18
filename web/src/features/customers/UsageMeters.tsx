import { useId } from "react";
import type { ScoreView } from "../../api/types.ts";
import { fmtDay, fmtInt, fmtPercent } from "../../ui/format.ts";
import { LevelChip } from "../../ui/LevelChip.tsx";
import { words } from "../../ui/labels.ts";

/** One meter of a usage_limits score's detail (`{meters: [...]}`). */
interface Meter {
  meter: string;
  value: number;
  limit: number;
  /** value / limit (1 = at the limit). */
  proximity: number;
  /** The day the meter is projected to pass its limit at the current growth, if soon. */
  projected_overrun: string | null;
}

const NEAR = 0.8;
const METER_NAMES: Record<string, string> = { api_calls: "API calls", storage_gb: "Storage (GB)" };

function isMeter(m: unknown): m is Meter {
  if (typeof m !== "object" || m === null) return false;
  const o = m as Record<string, unknown>;
  return (
    typeof o.meter === "string" &&
    typeof o.value === "number" &&
    typeof o.limit === "number" &&
    typeof o.proximity === "number"
  );
}

const metersOf = (detail: Record<string, unknown> | undefined): Meter[] =>
  Array.isArray(detail?.meters) ? detail.meters.filter(isMeter) : [];

/** Each plan-limit meter as a proximity bar (usage against the plan's limit), with its numbers in words. */
export function UsageMeters({ view }: { view: ScoreView | undefined }) {
  const id = useId();
  const meters = metersOf(view?.detail);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div className="card-head">
        <h2 id={`${id}-title`}>Usage against plan limits</h2>
        {view ? <LevelChip kind="usage_limits" level={view.level} /> : null}
      </div>
      {meters.length === 0 ? (
        <p className="muted">No metered usage with a plan limit.</p>
      ) : (
        <ul className="meters">
          {meters.map((m) => {
            const meterId = `${id}-${m.meter}`;
            const state = m.proximity >= 1 ? "Over the limit" : m.proximity >= NEAR ? "Near the limit" : null;
            const text = `${fmtInt(m.value)} of ${fmtInt(m.limit)} (${fmtPercent(m.proximity)})`;
            const notes = [
              state,
              m.projected_overrun ? `projected to pass it on ${fmtDay(m.projected_overrun)}` : null,
            ].filter((n): n is string => n !== null);
            return (
              <li key={m.meter}>
                <div className="meter-head">
                  <label className="meter-name" htmlFor={meterId}>
                    {METER_NAMES[m.meter] ?? words(m.meter)}
                  </label>
                  <span className="meter-text">{text}</span>
                </div>
                <meter
                  id={meterId}
                  min={0}
                  max={1}
                  low={NEAR}
                  high={0.9999}
                  optimum={0}
                  value={Math.min(m.proximity, 1)}
                  aria-valuetext={[text, ...notes].join(", ")}
                >
                  {text}
                </meter>
                {notes.length > 0 ? <p className="muted small">{words(notes.join(", "))}</p> : null}
              </li>
            );
          })}
        </ul>
      )}
      {view ? <p className="muted small">As of {fmtDay(view.as_of)}</p> : null}
    </section>
  );
}
