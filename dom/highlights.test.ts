// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractText, rangeFromOffsets } from './extract';
import { createNotePainter, noteCss } from './highlights';
import type { HighlightApi, HighlightLike } from './paint';

class FakeHighlight extends Set<AbstractRange> implements HighlightLike {
  priority = 0;
  constructor(...ranges: AbstractRange[]) {
    super(ranges);
  }
}
function fakeApi(): { api: HighlightApi; registry: Map<string, FakeHighlight> } {
  const registry = new Map<string, FakeHighlight>();
  return { api: { registry: registry as unknown as HighlightApi['registry'], Highlight: FakeHighlight }, registry };
}
const COLORS = { yellow: '#ffe066', green: '#8ce99a', blue: '#a5d8ff', pink: '#fcc2d7' };

function rangeOf(phrase: string): Range {
  const snap = extractText(document.body);
  const i = snap.text.indexOf(phrase);
  if (i < 0) throw new Error(`no ${phrase}`);
  return rangeFromOffsets(snap, i, i + phrase.length)!;
}

beforeEach(() => {
  document.body.innerHTML = '<p>L’offre « exclusive » : plus que 2 en stock ! Ensuite, c’est fini.</p>';
  document.head.querySelectorAll('[data-claim-lens]').forEach((e) => e.remove());
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('note painter', () => {
  it('registers one highlight per colour under its own prefix, above the claims', () => {
    const { api, registry } = fakeApi();
    const p = createNotePainter(document, { colors: COLORS, highlightApi: api });
    expect(p.mode).toBe('highlight-api');
    p.set('a', 'yellow', rangeOf('offre « exclusive »'));
    p.set('b', 'green', rangeOf('plus que 2'));
    p.set('c', 'yellow', rangeOf('c’est fini'));
    expect([...registry.keys()].sort()).toEqual(['claim-lens-note-green', 'claim-lens-note-yellow']);
    expect(registry.get('claim-lens-note-yellow')!.size).toBe(2);
    expect(registry.get('claim-lens-note-yellow')!.priority).toBeGreaterThan(0);
    expect(p.rangeOf('b')!.toString()).toBe('plus que 2');
    expect(document.head.querySelector('style[data-claim-lens]')!.textContent).toContain('::highlight(claim-lens-note-yellow)');
  });

  it('stylesheet "provided": paints without adding a style element', () => {
    const { api, registry } = fakeApi();
    const p = createNotePainter(document, { colors: COLORS, highlightApi: api, stylesheet: 'provided' });
    p.set('a', 'yellow', rangeOf('offre « exclusive »'));
    expect(registry.get('claim-lens-note-yellow')!.size).toBe(1);
    expect(document.head.querySelector('style[data-claim-lens]')).toBeNull();
  });

  it('moves a note to another colour, removes it, and drops empty colours from the registry', () => {
    const { api, registry } = fakeApi();
    const p = createNotePainter(document, { colors: COLORS, highlightApi: api });
    p.set('a', 'yellow', rangeOf('offre'));
    p.set('a', 'blue', rangeOf('offre'));
    expect([...registry.keys()]).toEqual(['claim-lens-note-blue']);
    expect(p.colorOf('a')).toBe('blue');
    p.remove('a');
    expect(registry.size).toBe(0);
    expect(p.has('a')).toBe(false);
  });

  it('ignores unknown colours and bad ids, never throws', () => {
    const { api, registry } = fakeApi();
    const p = createNotePainter(document, { colors: COLORS, highlightApi: api });
    p.set('x', 'red', rangeOf('offre'));
    p.set('y', 'toString', rangeOf('offre'));
    p.set(undefined as unknown as string, 'yellow', rangeOf('offre'));
    p.remove('nope');
    expect(registry.size).toBe(0);
    expect(p.ids()).toEqual([]);
    expect(p.hitTest(10, 10)).toEqual([]);
  });

  it('dispose removes the style element and every highlight', () => {
    const { api, registry } = fakeApi();
    const p = createNotePainter(document, { colors: COLORS, highlightApi: api });
    p.set('a', 'pink', rangeOf('stock'));
    p.dispose();
    expect(registry.size).toBe(0);
    expect(document.head.querySelector('style[data-claim-lens]')).toBeNull();
  });

  it('paints nothing without a Highlight API', () => {
    const p = createNotePainter(document, { colors: COLORS });
    expect(p.mode).toBe('none');
    p.set('a', 'yellow', rangeOf('offre'));
    expect(p.has('a')).toBe(true);
  });
});

describe('noteCss', () => {
  it('gives an opaque background without underline, and skips unsafe names or colours', () => {
    const css = noteCss('claim-lens-note', { yellow: '#ffe066', 'x) {} body{': '#000000', blue: 'url(x)' });
    expect(css).toBe('::highlight(claim-lens-note-yellow) { background-color: rgb(255, 224, 102); color: #111; text-decoration: none; }');
  });
});
