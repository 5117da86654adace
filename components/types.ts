/**
 * View models for the presentational components. The entrypoints build them (choosing the language,
 * looking concepts up); components only render them. Every string here may come from a web page and
 * is rendered as text, never as HTML.
 */
import type { Category } from '../engine/types';

/** Translate a message key (browser.i18n.getMessage in the extension, a fake in tests). */
export type Translate = (key: string, substitutions?: string | string[]) => string;

export interface ConceptView {
  id: string;
  title: string;
  summary: string;
  quote: string;
  sourceTitle: string;
  sourceAuthor: string;
  /** One line: why this concept is linked to the claim's category (when known). */
  why?: string;
}

export interface CategoryView {
  category: Category;
  label: string;
  description: string;
  /** The colour the page paints this category with (see components/colors.ts). */
  color: string;
}

export interface CardClaimView {
  id: string;
  text: string;
  sentence: string;
  /** Where `text` starts inside `sentence` (UTF-16 offset), when known. */
  sentenceOffset?: number;
  category: CategoryView;
  /** Signals already put into words for the user. */
  signals: string[];
}

export interface PopupClaimView {
  id: string;
  text: string;
  sentence: string;
  category: Category;
  /** Concept ids, best first. */
  concepts: string[];
}

/** One of the page's saved highlights, as the popup lists it. `text` and `note` are page/user text. */
export interface PageNoteView {
  id: string;
  text: string;
  note: string;
  tags: string[];
  /** A NOTE_COLORS name. */
  color: string;
  origin: 'user' | 'claim';
  /** False when it could not be found on the page (an orphan: kept, never deleted automatically). */
  found: boolean;
}
