/**
 * One colour per claim type, used by the page painter and the popup legend alike, so that what the
 * user sees in the page matches the legend. Mid-tone hues that keep contrast against both white and
 * near-black backgrounds (the painter draws them as a translucent wash).
 */
import type { Category } from '../engine/types';

export const CATEGORY_COLORS: Record<Category, string> = {
  emotional: '#d6337f',
  fear: '#d9480f',
  superiority: '#7048e8',
  urgency: '#e03131',
  social_proof: '#1c7ed6',
  environmental: '#2f9e44',
  ethical: '#0c8599',
  customer_centric: '#ae3ec9',
  purpose: '#5c7cfa',
  personalisation: '#f08c00',
  performance: '#c2255c',
  community: '#099268',
  unverifiable: '#868e96',
};

export function categoryColor(category: string): string {
  return (CATEGORY_COLORS as Record<string, string>)[category] ?? '#868e96';
}

/**
 * The colours a user can highlight with (storage's COLORS), as opaque marker backgrounds. Light
 * enough for dark text (the painter forces near-black text on them), distinct from each other and
 * from the claims' translucent wash.
 */
export const NOTE_COLORS = {
  yellow: '#ffe066',
  green: '#b2f2bb',
  blue: '#a5d8ff',
  pink: '#fcc2d7',
  purple: '#d0bfff',
} as const;
export type NoteColorName = keyof typeof NOTE_COLORS;
export const NOTE_COLOR_NAMES = Object.keys(NOTE_COLORS) as NoteColorName[];
