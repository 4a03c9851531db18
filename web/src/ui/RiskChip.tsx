import type { RiskLevel } from "../api/types.ts";
import { levelWords } from "./labels.ts";

export const RISK_COLORS: Record<RiskLevel, string> = { High: "#c2410c", Medium: "#b7791f", Low: "#2f855a" };

/** The risk level as a coloured chip (the word is always shown: colour is never the only cue). */
export function RiskChip({ level }: { level: string | null }) {
  if (!level) return <span className="chip chip-none">Not scored</span>;
  return <span className={`chip chip-${level.toLowerCase()}`}>{levelWords(level)}</span>;
}
