/**
 * wink-sentiment's scoring (AFINN-165 words and bigrams, emoji, emoticons, hashtags, negation of
 * the next two tokens, length normalisation) on wink-sentiment's own lexicons, with a one-regex
 * tokenizer instead of wink-tokenizer's cascade of passes, which cost ~85 ns a character and was
 * most of the analyzer's time. rules-analyzer.test.ts checks it agrees with `wink-sentiment`.
 */

import AFINN from "wink-sentiment/src/afinn-en-165.js";
import AFINN_BIGRAMS from "wink-sentiment/src/afinn-en-165-2grams.js";
import EMOJIS from "wink-sentiment/src/emojis.js";
import EMOTICONS from "wink-sentiment/src/emoticons.js";
import NEGATIONS from "wink-sentiment/src/negations.js";

const WORDS = new Map(Object.entries(AFINN));
const BIGRAMS = new Map(Object.entries(AFINN_BIGRAMS).map(([w, next]) => [w, new Map(Object.entries(next))]));
const NEGATORS = new Set(Object.keys(NEGATIONS).filter((k) => NEGATIONS[k]));
const EMOJI = new Map(Object.entries(EMOJIS));
const EMOTICON = new Map(Object.entries(EMOTICONS));

const WORD = 0;
const EMOJI_TAG = 1;
const EMOTICON_TAG = 2;
const HASHTAG = 3;
const OTHER = 4;

const L = String.raw`a-zA-Z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF`;
/** The token classes wink-tokenizer tells apart: words, hashtags, emoji, emoticons, the rest. */
const TOKEN = new RegExp(
  [
    `([${L}][${L}']*)`,
    `(#[${L}_][${L}0-9_]*)`,
    // Emoji, but not the text symbols © ® ™ that are also "pictographic" (wink-tokenizer skips them).
    String.raw`((?![\u00A9\u00AE\u2122])\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}\uFE0F]?(?:\u200D\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}\uFE0F]?)*)`,
    String.raw`(:-?[dDpPsS*/[\]{}()]|;-?[()dD]|<3)`,
    String.raw`(\d+(?:[.,\-/]\d+)*|\S)`,
  ].join("|"),
  "gu",
);
/** wink-tokenizer splits contractions and possessives: "don't" -> "do" "n't", "we're" -> "we" "'re". */
const CONTRACTION = /^(.+?)(n't|'s|'re|'ll|'ve|'d|'m)$/;

export interface AfinnResult {
  /** Sum of scores. */
  score: number;
  /** wink-sentiment's normalizedScore: the mean score, damped for long texts; -5..5. */
  normalizedScore: number;
}

/**
 * wink-sentiment's `sentiment(text)` score and normalizedScore. Words for which `ignore` is true
 * are dropped before scoring (words AFINN scores that carry no attitude in the caller's domain).
 */
export function afinnSentiment(text: string, ignore?: (word: string) => boolean): AfinnResult {
  const values: string[] = [];
  const tags: number[] = [];
  const push = (v: string, tag: number) => {
    values.push(v);
    tags.push(tag);
  };
  const src = text.replaceAll("’", "'");
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(src); m !== null; m = TOKEN.exec(src)) {
    if (m[1] !== undefined) {
      const w = m[1].toLowerCase();
      if (ignore?.(w)) continue;
      const c = w.includes("'") ? CONTRACTION.exec(w) : null;
      if (c?.[1] && c[2]) {
        push(c[1], WORD);
        push(c[2], WORD);
      } else push(w, WORD);
    } else if (m[2] !== undefined) push(m[2], HASHTAG);
    else if (m[3] !== undefined) push(m[3], EMOJI_TAG);
    else if (m[4] !== undefined) push(m[4], EMOTICON_TAG);
    else push((m[5] ?? "").toLowerCase(), OTHER);
  }

  let ss = 0;
  let hss = 0;
  let sentiHashtags = 0;
  let sentiWords = 0;
  let words = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    const tag = tags[k];
    if (tag === EMOJI_TAG || tag === EMOTICON_TAG) {
      const s =
        tag === EMOJI_TAG
          ? (EMOJI.get(v) ?? EMOJI.get(v.replace(/\uFE0F/g, "")) ?? 0)
          : (EMOTICON.get(v) ?? 0);
      if (s) {
        ss += s;
        sentiWords++;
      }
      words++;
    } else if (tag === HASHTAG) {
      const s = WORDS.get(v.slice(1).toLowerCase()) ?? 0;
      if (s) {
        hss += s;
        sentiHashtags++;
      }
    } else if (tag === WORD) {
      let s: number;
      let wc = 1;
      const pair = k + 1 < values.length ? BIGRAMS.get(v)?.get(values[k + 1]!.toLowerCase()) : undefined;
      if (pair !== undefined) {
        s = pair;
        wc = 2;
      } else s = WORDS.get(v) ?? 0;
      if ((k > 0 && NEGATORS.has(values[k - 1]!)) || (k > 1 && NEGATORS.has(values[k - 2]!))) s = -s;
      ss += s;
      k += wc - 1;
      if (s) sentiWords++;
      words += wc;
    }
  }
  const nhss = sentiHashtags ? hss / sentiHashtags : 0;
  const nwss = sentiWords ? ss / sentiWords / Math.sqrt(words > 15 ? words / 15 : 1) : 0;
  const normalized = nhss && nwss ? (nhss + nwss) / 2 : nwss || nhss;
  return { score: ss + hss, normalizedScore: +normalized.toFixed(4) };
}
