/**
 * Public types of the claim engine. The engine is pure: text in, claims out.
 * It imports nothing from the rest of the project, and nothing from the DOM or browser APIs.
 */

export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** The thirteen claim types of ../shared/articles/README.md, in that order. */
export const CATEGORIES = [
  'emotional', // emotional or status promise
  'fear', // fear, fear of missing out
  'superiority', // superiority over competitors
  'urgency', // urgency and scarcity
  'social_proof', // social proof, satisfaction figures
  'environmental', // environmental claims
  'ethical', // social and ethical claims
  'customer_centric', // customer-centric claims
  'purpose', // purpose and mission statements
  'personalisation', // personalisation
  'performance', // performance and ROI promises
  'community', // community and lifestyle
  'unverifiable', // unverifiable proof
] as const;
export type Category = (typeof CATEGORIES)[number];

/** A flagged claim. Offsets are UTF-16 code units into the string given to detect(). */
export interface Claim {
  start: number;
  end: number;
  /** input.slice(start, end) */
  text: string;
  lang: Lang;
  category: Category;
  /** 0..1, after context adjustments */
  score: number;
  ruleId: string;
  /** concept ids, best first */
  concepts: string[];
  /** The sentence the claim sits in, as offsets into the input. */
  sentenceStart: number;
  sentenceEnd: number;
  /** Short machine-readable reasons that moved the score (e.g. "second-person", "percent"). */
  signals: string[];
}

export interface DetectOptions {
  /** Minimum score for a claim to be reported. Default 0.5. */
  threshold?: number;
  /** Force the language of every sentence instead of detecting it. */
  lang?: Lang;
  /** Only report these categories. */
  categories?: readonly Category[];
}

export type Localised = { fr: string; en: string };
