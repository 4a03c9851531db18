import { playTone, playWords } from "../../ui/labels.ts";

/** A decision outcome or queue status as a chip (the word is always shown). */
export function PlayChip({ code }: { code: string }) {
  return <span className={`chip chip-tone-${playTone(code)}`}>{playWords(code)}</span>;
}
