import type { ScoresConfig } from "./config.ts";
import { type ScoreResult, unscored } from "./result.ts";
import type { Signals } from "./signals.ts";

export function npsLevel(nps: number, c: ScoresConfig["nps"]): "promoter" | "passive" | "detractor" {
  return nps >= c.promoterFrom ? "promoter" : nps < c.detractorBelow ? "detractor" : "passive";
}

/** Customer NPS (-100..100) over each respondent's latest answer. */
export function customerNps(s: Signals, c: ScoresConfig["nps"]): ScoreResult {
  if (s.nps === null) return unscored("nps", "No NPS answers yet");
  return {
    kind: "nps",
    score: s.nps,
    level: npsLevel(s.nps, c),
    signals: [
      {
        name: "nps",
        value: s.nps,
        effect: s.nps,
        text: `NPS ${s.nps} (${s.npsResponses} ${s.npsResponses === 1 ? "response" : "responses"})`,
      },
    ],
  };
}

/** Org NPS over every respondent's latest answer (answers: 0-10). */
export function orgNps(answers: readonly { score: number }[]): number | null {
  if (answers.length === 0) return null;
  let p = 0;
  let d = 0;
  for (const a of answers) {
    if (a.score >= 9) p++;
    else if (a.score <= 6) d++;
  }
  return Math.round(((p - d) / answers.length) * 100);
}
