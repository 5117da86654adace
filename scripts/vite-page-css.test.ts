import { describe, expect, it } from 'vitest';
import { CATEGORY_COLORS, NOTE_COLORS } from '../components/colors';
import { CATEGORIES } from '../engine/types';
import { CLAIM_COLORS, PAGE_CSS_FILE, pageCss, pageStylesheet } from '../entrypoints/content/page-css';
import { CONTENT_SCRIPT_FILE, addPageCss, pageCssManifestHook, pageCssPlugin } from './vite-page-css';

type Hook = (this: unknown, ...args: unknown[]) => unknown;
const call = (h: unknown, ctx: unknown, ...args: unknown[]) => (typeof h === 'function' ? (h as Hook).apply(ctx, args) : (h as { handler: Hook }).handler.apply(ctx, args));

function hex(c: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
  return `${r}, ${g}, ${b}`;
}

describe('the highlight CSS shipped with the content script', () => {
  const css = pageCss();

  it('has a rule for every claim category, in the colours of the legend, and for every note colour', () => {
    for (const c of CATEGORIES) expect(css).toContain(`::highlight(claim-lens-${c}) { background-color: rgba(${hex(CATEGORY_COLORS[c])}, 0.28)`);
    expect(css).toContain('::highlight(claim-lens-active)');
    for (const [name, c] of Object.entries(NOTE_COLORS)) expect(css).toContain(`::highlight(claim-lens-note-${name}) { background-color: rgb(${hex(c)}); color: #111; text-decoration: none; }`);
    expect(Object.keys(CLAIM_COLORS).length).toBeGreaterThan(CATEGORIES.length);
    // nothing but ::highlight rules (and the header comment): it cannot restyle the page itself
    const rules = css.split('\n').filter((l) => l && !l.startsWith('/*'));
    expect(rules.every((l) => /^::highlight\([a-z_-]+\) \{[^{}]*\}$/.test(l))).toBe(true);
    // No decoration on the claims: a ::highlight underline makes Chromium re-walk the whole page on
    // every highlight change (dom/paint.ts, highlightCss).
    expect(css).not.toMatch(/underline|text-decoration-line/);
  });

  it('is emitted by the build that holds the content script, and only there', () => {
    const plugin = pageCssPlugin();
    const emitted: { fileName: string; source: string }[] = [];
    const ctx = { emitFile: (f: { fileName: string; source: string }) => emitted.push(f) };
    call(plugin.generateBundle, ctx, {}, { 'background.js': {} });
    expect(emitted).toEqual([]);
    call(plugin.generateBundle, ctx, {}, { [CONTENT_SCRIPT_FILE]: {} });
    expect(emitted).toEqual([expect.objectContaining({ fileName: PAGE_CSS_FILE, source: css })]);
  });

  it('is relied on in built extensions only: under wxt dev the painters inject their style', () => {
    expect(pageStylesheet('build')).toBe('provided');
    expect(pageStylesheet(undefined)).toBe('provided');
    expect(pageStylesheet('serve')).toBe('inject');
  });

  it('is listed once on the content script entry of the manifest; a manifest without it is an error', () => {
    const manifest = { content_scripts: [{ js: ['other.js'] }, { js: [CONTENT_SCRIPT_FILE], css: ['keep.css'] }] };
    addPageCss(manifest);
    addPageCss(manifest);
    expect(manifest.content_scripts[1]).toEqual({ js: [CONTENT_SCRIPT_FILE], css: ['keep.css', PAGE_CSS_FILE] });
    expect(manifest.content_scripts[0]).toEqual({ js: ['other.js'] });
    expect(() => addPageCss({ content_scripts: [] })).toThrow(/no content script entry/);
  });

  it('the manifest hook lists it for builds and leaves wxt dev alone (no content script entry there)', () => {
    const built: { content_scripts: { js: string[]; css?: string[] }[] } = { content_scripts: [{ js: [CONTENT_SCRIPT_FILE] }] };
    pageCssManifestHook({ config: { command: 'build' } }, built);
    expect(built.content_scripts[0]!.css).toEqual([PAGE_CSS_FILE]);
    const dev = {};
    expect(() => pageCssManifestHook({ config: { command: 'serve' } }, dev)).not.toThrow();
    expect(dev).toEqual({});
  });
});
