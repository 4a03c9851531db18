/**
 * Seed 000's upsell deal pipeline: a play opens a deal `identified`; people move it through the
 * stages to `won` or `lost`. A closed deal stays closed (a new opportunity is a new deal).
 */
export const DEAL_STAGES = ["identified", "qualified", "proposal", "won", "lost"] as const;
export type DealStage = (typeof DEAL_STAGES)[number];
export const CLOSED_DEAL_STAGES: readonly DealStage[] = ["won", "lost"];

export const isDealStage = (s: string): s is DealStage => (DEAL_STAGES as readonly string[]).includes(s);

/** Why a deal cannot move from `from` to `to`, or null when it can. */
export function dealMoveRefusal(from: string, to: DealStage): string | null {
  if ((CLOSED_DEAL_STAGES as readonly string[]).includes(from)) return `the deal is already ${from}`;
  if (from === to) return `the deal is already ${to}`;
  return null;
}
