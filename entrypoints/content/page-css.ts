/**
 * The CSS the content script's highlights need, shipped as the content script's own stylesheet
 * (manifest `content_scripts[].css`, added by scripts/vite-page-css.ts): the browser applies it
 * before the page is first styled, so painting adds nothing to the page. A `<style>` added to a
 * loaded page makes the browser restyle every element (50–90 ms on a 1 MB page, in the page's
 * main thread). Pure: built at build time in Node, and by the tests.
 */
import { NOTE_COLORS, CATEGORY_COLORS } from '../../components/colors';
import { noteCss } from '../../dom/highlights';
import { DEFAULT_COLORS, highlightCss } from '../../dom/paint';

/** The file, relative to the extension's root. */
export const PAGE_CSS_FILE = 'content-scripts/claim-lens.css';

/** Claim highlight colours as the content script paints them (its painter merges over DEFAULT_COLORS). */
export const CLAIM_COLORS: Readonly<Record<string, string>> = { ...DEFAULT_COLORS, ...CATEGORY_COLORS };

/** Prefix of the user's highlights (entrypoints/content/notes.tsx paints with it). */
export const NOTE_PREFIX = 'claim-lens-note';

/**
 * The painters' `stylesheet` option in the content script: 'provided' in built extensions, whose
 * manifest lists the CSS; 'inject' under `wxt dev`, which registers content scripts at run time
 * without it (wxt.config.ts).
 */
export function pageStylesheet(command: string | undefined): 'provided' | 'inject' {
  return command === 'serve' ? 'inject' : 'provided';
}

export function pageCss(): string {
  return `/* Claim Lens: highlight colours (generated at build time) */\n${highlightCss(CLAIM_COLORS)}\n${noteCss(NOTE_PREFIX, NOTE_COLORS)}\n`;
}
