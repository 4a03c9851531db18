import type { ScoreKind } from "../api/types.ts";
import { KIND_LABELS, levelLabel, levelTone, levelWords } from "./labels.ts";

interface Props {
  kind: ScoreKind;
  level: string;
  /** Show the score's name before the chip (where chips of several kinds sit side by side). */
  labelled?: boolean;
}

/**
 * A score's tier, band or stage as a coloured chip. The word is always shown, and assistive technology
 * hears what it is ("Churn risk tier: High").
 */
export function LevelChip({ kind, level, labelled = false }: Props) {
  const chip = (
    <span className={`chip chip-tone-${levelTone(kind, level)}`} title={levelLabel(kind)}>
      <span className="visually-hidden">{levelLabel(kind)}: </span>
      {levelWords(level)}
    </span>
  );
  if (!labelled) return chip;
  return (
    <span className="chip-with-label">
      <span className="muted small" aria-hidden="true">
        {KIND_LABELS[kind]}
      </span>
      {chip}
    </span>
  );
}
