/**
 * Anchoring: describing a passage with W3C selectors and finding it again,
 * on the article's text (no DOM). See anchor.ts for the policy, choice.ts
 * for how places are weighed, typography.ts for what is set aside.
 */
export { describe, anchor, anchorAll, CONTEXT_LENGTH, QUOTE_FLOOR, CONTEXT_FLOOR, type Anchor, type AnchorMethod } from './anchor.js';
export { matchQuote, matchPosition, type TextRange, type QuoteSelector } from './match.js';
export { TextIndex } from './text-index.js';
export { reanchorAll } from './reanchor.js';
export { wordCloseness } from './fuzzy.js';
export { normaliseTypography, normalisedString, type NormalisedText } from './typography.js';
