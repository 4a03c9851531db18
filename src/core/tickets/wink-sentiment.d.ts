/** The parts of wink-sentiment (CommonJS, untyped) that the rules analyzer uses: its lexicons. */
declare module "wink-sentiment/src/afinn-en-165.js" {
  /** AFINN-165: word -> score in -5..5. */
  const afinn: Record<string, number>;
  export default afinn;
}
declare module "wink-sentiment/src/afinn-en-165-2grams.js" {
  /** Two-word phrases: first word -> second word -> score. */
  const bigrams: Record<string, Record<string, number>>;
  export default bigrams;
}
declare module "wink-sentiment/src/emojis.js" {
  const emojis: Record<string, number>;
  export default emojis;
}
declare module "wink-sentiment/src/emoticons.js" {
  const emoticons: Record<string, number>;
  export default emoticons;
}
declare module "wink-sentiment/src/negations.js" {
  /** Words that flip the sign of the next two tokens' scores. */
  const negations: Record<string, boolean>;
  export default negations;
}
declare module "wink-sentiment" {
  interface WinkSentimentResult {
    score: number;
    normalizedScore: number;
  }
  /** The reference implementation; afinn.ts reproduces it faster (parity is tested). */
  function sentiment(phrase: string): WinkSentimentResult;
  export default sentiment;
}
