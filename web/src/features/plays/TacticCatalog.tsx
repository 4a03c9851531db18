import { fmtInt } from "../../ui/format.ts";
import { PLAY_STAGE_LABELS } from "../../ui/labels.ts";
import type { Tactic } from "./plays-api.ts";
import { TacticCard } from "./TacticCard.tsx";

/** Every tactic grouped by stage (activate, grow, save, monetize, re-engage), each with its counts and switch. */
export function TacticCatalog({ tactics }: { tactics: readonly Tactic[] }) {
  const stages = Object.keys(PLAY_STAGE_LABELS);
  const extra = [...new Set(tactics.map((t) => t.stage))].filter((s) => !stages.includes(s));
  return (
    <div className="tactic-catalog">
      {[...stages, ...extra].map((stage) => {
        const mine = tactics.filter((t) => t.stage === stage);
        if (mine.length === 0) return null;
        const id = `stage-${stage}`;
        return (
          <section key={stage} aria-labelledby={id} className="tactic-stage" data-stage={stage}>
            <h2 id={id}>
              {PLAY_STAGE_LABELS[stage] ?? stage}{" "}
              <span className="muted small">
                {fmtInt(mine.length)} {mine.length === 1 ? "tactic" : "tactics"}
              </span>
            </h2>
            <div className="tactic-grid">
              {mine.map((t) => (
                <TacticCard key={t.slug} tactic={t} />
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
