import { useNavigate } from "@tanstack/react-router";
import { COUNT_WINDOWS, type PlaysTab } from "./plays-search.ts";

type Window = (typeof COUNT_WINDOWS)[number];

/** Which decisions the counts cover: every one, or the last 7, 30 or 90 days (kept in the address). */
export function CountWindow({ days, tab }: { days: Window | undefined; tab: PlaysTab }) {
  const navigate = useNavigate();
  const set = (d: Window | undefined) =>
    void navigate({ to: "/plays", search: { tab, ...(d ? { days: d } : {}) }, replace: true });
  return (
    <fieldset className="plays-window">
      <legend className="small muted">Counts over</legend>
      <button
        type="button"
        className="secondary"
        aria-pressed={days === undefined}
        onClick={() => set(undefined)}
      >
        Every decision
      </button>
      {COUNT_WINDOWS.map((d) => (
        <button key={d} type="button" className="secondary" aria-pressed={days === d} onClick={() => set(d)}>
          Last {d} days
        </button>
      ))}
    </fieldset>
  );
}
