/**
 * Vite plugin + manifest hook: the highlight CSS (entrypoints/content/page-css.ts) written next to
 * the content script and listed as its stylesheet in the manifest, so the browser applies it before
 * the page is first styled and painting never adds a `<style>` to a loaded page.
 */
import type { Plugin } from 'vite';
import { PAGE_CSS_FILE, pageCss } from '../entrypoints/content/page-css';

export const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';

/** Emits the CSS file in the build that produces the content script. */
export function pageCssPlugin(): Plugin {
  return {
    name: 'claim-lens-page-css',
    generateBundle(_options, bundle) {
      if (!(CONTENT_SCRIPT_FILE in bundle)) return;
      this.emitFile({ type: 'asset', fileName: PAGE_CSS_FILE, source: pageCss() });
    },
  };
}

interface ManifestLike {
  content_scripts?: { js?: string[]; css?: string[] }[];
}

/** Lists the CSS file on the content script's manifest entry. Throws when that entry is missing. */
export function addPageCss(manifest: ManifestLike): void {
  const entry = manifest.content_scripts?.find((c) => c.js?.includes(CONTENT_SCRIPT_FILE));
  if (!entry) throw new Error(`manifest: no content script entry for ${CONTENT_SCRIPT_FILE}`);
  entry.css = [...(entry.css ?? []).filter((f) => f !== PAGE_CSS_FILE), PAGE_CSS_FILE];
}

/**
 * The `build:manifestGenerated` hook: lists the CSS for built extensions. `wxt dev` (MV3) registers
 * content scripts at run time, without a manifest entry or CSS; there the painters inject their
 * style instead (entrypoints/content/page-css.ts, pageStylesheet).
 */
export function pageCssManifestHook(wxt: { config: { command: string } }, manifest: ManifestLike): void {
  if (wxt.config.command !== 'serve') addPageCss(manifest);
}
