// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractText, rangeFromOffsets } from './extract';
import { DEFAULT_COLORS, createPainter, highlightCss, parseHex, type HighlightLike } from './paint';

/** A small stand-in for the CSS Custom Highlight API (happy-dom has none). */
class FakeHighlight extends Set<AbstractRange> implements HighlightLike {
  priority = 0;
  constructor(...ranges: AbstractRange[]) {
    super(ranges);
  }
}

function installFakeHighlightApi(): Map<string, FakeHighlight> {
  const registry = new Map<string, FakeHighlight>();
  const g = globalThis as Record<string, unknown>;
  g.CSS = { ...((g.CSS as object) ?? {}), highlights: registry };
  g.Highlight = FakeHighlight;
  return registry;
}

function uninstallFakeHighlightApi(): void {
  const g = globalThis as Record<string, unknown>;
  if (g.CSS && typeof g.CSS === 'object') delete (g.CSS as Record<string, unknown>).highlights;
  delete g.Highlight;
}

function rangeOf(phrase: string, root: Node = document.body): Range {
  const snap = extractText(root);
  const i = snap.text.indexOf(phrase);
  if (i < 0) throw new Error(`no ${phrase}`);
  return rangeFromOffsets(snap, i, i + phrase.length)!;
}

beforeEach(() => {
  document.body.innerHTML = '';
  document.head.querySelectorAll('[data-claim-lens]').forEach((e) => e.remove());
});
afterEach(() => uninstallFakeHighlightApi());

describe('painter, highlight API path (fake CSS.highlights)', () => {
  it('registers one named highlight per category and adds/removes ranges incrementally', () => {
    const registry = installFakeHighlightApi();
    document.body.innerHTML = '<p>Offre limitée, stock épuisé bientôt. Le n°1 du marché.</p>';
    const p = createPainter(document);
    expect(p.mode).toBe('highlight-api');
    const r1 = rangeOf('Offre limitée');
    const r2 = rangeOf('stock épuisé bientôt');
    const r3 = rangeOf('n°1 du marché');
    p.set('c1', 'urgency', [r1]);
    p.set('c2', 'urgency', [r2]);
    p.set('c3', 'superiority', [r3]);
    expect([...registry.keys()].sort()).toEqual(['claim-lens-superiority', 'claim-lens-urgency']);
    expect(registry.get('claim-lens-urgency')!.size).toBe(2);
    p.remove('c1');
    expect([...registry.get('claim-lens-urgency')!]).toEqual([r2]);
    // replacing a key moves its range to the new name
    p.set('c2', 'fear', [r2]);
    expect(registry.has('claim-lens-urgency')).toBe(false);
    expect([...registry.get('claim-lens-fear')!]).toEqual([r2]);
    expect(p.keys().sort()).toEqual(['c2', 'c3']);
    // the page DOM is untouched
    expect(document.body.innerHTML).toBe('<p>Offre limitée, stock épuisé bientôt. Le n°1 du marché.</p>');
  });

  it('clear() removes only our highlights; a shared range survives until its last key goes', () => {
    const registry = installFakeHighlightApi();
    registry.set('page-own', new FakeHighlight());
    document.body.innerHTML = '<p>Garantie à vie</p>';
    const p = createPainter(document);
    const r = rangeOf('Garantie à vie');
    p.set('a', 'unverifiable', [r]);
    p.set('b', 'unverifiable', [r]);
    p.remove('a');
    expect(registry.get('claim-lens-unverifiable')!.has(r)).toBe(true);
    p.clear();
    expect([...registry.keys()]).toEqual(['page-own']);
    expect(p.keys()).toEqual([]);
  });

  it('stylesheet "provided": no style element for the known names; one for an unknown name or new colours', () => {
    installFakeHighlightApi();
    document.body.innerHTML = '<p>x</p>';
    const p = createPainter(document, { prefix: 'claim-lens', stylesheet: 'provided' });
    p.set('k', 'urgency', [rangeOf('x')]);
    p.set('k2', 'note', [rangeOf('x')]);
    expect(p.has('k')).toBe(true);
    expect(document.querySelectorAll('style[data-claim-lens]')).toHaveLength(0);
    p.set('k3', 'made_up', [rangeOf('x')]); // no provided rule for it
    const styles = document.querySelectorAll('style[data-claim-lens]');
    expect(styles).toHaveLength(1);
    expect(styles[0]!.textContent).toContain('::highlight(claim-lens-made_up)');
    p.dispose();

    const q = createPainter(document, { prefix: 'claim-lens', stylesheet: 'provided' });
    q.set('k', 'urgency', [rangeOf('x')]);
    expect(document.querySelectorAll('style[data-claim-lens]')).toHaveLength(0);
    q.styleText({ urgency: '#000000' }); // the provided rules are out of date now
    expect(document.querySelector('style[data-claim-lens]')!.textContent).toMatch(/::highlight\(claim-lens-urgency\) \{ background-color: rgba\(0, 0, 0, 0\.28\)/);
    q.dispose();
  });

  it('highlightCss is the text the painter injects', () => {
    installFakeHighlightApi();
    document.body.innerHTML = '<p>x</p>';
    const colors = { urgency: '#123456', fear: '#abc' };
    const p = createPainter(document, { prefix: 'my-prefix', colors });
    p.set('k', 'urgency', [rangeOf('x')]);
    expect(document.querySelector('style[data-claim-lens]')!.textContent).toBe(highlightCss({ ...DEFAULT_COLORS, ...colors }, 'my-prefix'));
    expect(highlightCss({ b: '#000000', a: '#ffffff' }, 'x').split('\n').map((r) => r.slice(0, 17))).toEqual(['::highlight(x-a) ', '::highlight(x-b) ']);
    p.dispose();
  });

  it('injects one style element with ::highlight rules and our attribute', () => {
    installFakeHighlightApi();
    document.body.innerHTML = '<p>x</p>';
    const p = createPainter(document, { prefix: 'claim-lens' });
    p.set('k', 'urgency', [rangeOf('x')]);
    p.set('k2', 'fear', [rangeOf('x')]);
    const styles = document.querySelectorAll('style[data-claim-lens]');
    expect(styles).toHaveLength(1);
    const css = styles[0]!.textContent!;
    expect(css).toContain('::highlight(claim-lens-urgency)');
    expect(css).toMatch(/::highlight\(claim-lens-urgency\) \{ background-color: rgba\(253, 126, 20, 0\.28\)/);
    const updated = p.styleText({ urgency: '#000000' });
    expect(updated).toMatch(/::highlight\(claim-lens-urgency\) \{ background-color: rgba\(0, 0, 0, 0\.28\)/);
    expect(styles[0]!.textContent).toBe(updated);
    // invalid colours are ignored
    expect(p.styleText({ urgency: 'red; } body { display:none' })).toBe(updated);
    p.dispose();
    expect(document.querySelectorAll('style[data-claim-lens]')).toHaveLength(0);
  });

  it('keysAt finds the keys whose ranges contain a point', () => {
    installFakeHighlightApi();
    document.body.innerHTML = '<p>Le meilleur prix garanti</p>';
    const p = createPainter(document);
    p.set('best', 'superiority', [rangeOf('meilleur prix')]);
    p.set('guar', 'unverifiable', [rangeOf('prix garanti')]);
    const t = document.querySelector('p')!.firstChild!;
    expect(p.keysAt(t, 0)).toEqual([]);
    expect(p.keysAt(t, 5)).toEqual(['best']);
    expect(p.keysAt(t, 14).sort()).toEqual(['best', 'guar']);
    expect(p.keysAt(t, 20)).toEqual(['guar']);
  });

  it('hitTest maps viewport coordinates through the caret API', () => {
    installFakeHighlightApi();
    document.body.innerHTML = '<p>Le meilleur prix</p>';
    const t = document.querySelector('p')!.firstChild!;
    const p = createPainter(document);
    p.set('best', 'superiority', [rangeOf('meilleur')]);
    const d = document as unknown as Record<string, unknown>;
    d.caretPositionFromPoint = (x: number) => ({ offsetNode: t, offset: x });
    try {
      expect(p.hitTest(5, 0)).toEqual(['best']);
      expect(p.hitTest(1, 0)).toEqual([]);
    } finally {
      delete d.caretPositionFromPoint;
    }
    expect(p.hitTest(5, 0)).toEqual([]); // no caret API: nothing, no throw
  });
});

describe('painter, keys painted but not registered (show)', () => {
  it('keeps a hidden key known to has, rangesOf and keysAt, registers it on show(true), and forgets it cleanly', () => {
    const registry = installFakeHighlightApi();
    document.body.innerHTML = '<p>Une offre limitée et un prix imbattable.</p>';
    const p = createPainter(document);
    const a = rangeOf('offre limitée');
    const b = rangeOf('prix imbattable');
    p.set('a', 'urgency', [a], false);
    p.set('b', 'superiority', [b]);
    const size = () => [...registry.values()].reduce((n, h) => n + h.size, 0);
    expect(size()).toBe(1);
    expect(p.has('a')).toBe(true);
    expect(p.isShown('a')).toBe(false);
    expect(p.isShown('b')).toBe(true);
    expect(p.rangesOf('a')).toHaveLength(1);
    expect(p.keysAt(a.startContainer, a.startOffset + 2)).toEqual(['a']);
    p.show('a', true);
    expect(size()).toBe(2);
    expect(registry.get('claim-lens-urgency')?.has(a)).toBe(true);
    p.show('a', true); // twice: still one registration
    expect(size()).toBe(2);
    p.show('b', false);
    expect(size()).toBe(1);
    p.remove('b'); // hidden key removed: nothing to unregister, nothing thrown
    expect(size()).toBe(1);
    p.show('gone', true);
    expect(p.has('gone')).toBe(false);
    p.remove('a');
    expect(size()).toBe(0);
  });
});

describe('painter, deferred commits (highlight API)', () => {
  /** Counts every change made to the registered highlights (each one costs Chromium a marker rebuild). */
  class CountingHighlight extends Set<AbstractRange> implements HighlightLike {
    static changes = 0;
    priority = 0;
    constructor(...ranges: AbstractRange[]) {
      super(ranges);
    }
    override add(r: AbstractRange): this {
      CountingHighlight.changes += 1;
      return super.add(r);
    }
    override delete(r: AbstractRange): boolean {
      CountingHighlight.changes += 1;
      return super.delete(r);
    }
  }
  const setup = (html: string) => {
    document.body.innerHTML = html;
    CountingHighlight.changes = 0;
    const registry = new Map<string, CountingHighlight>();
    const p = createPainter(document, { deferred: true, highlightApi: { registry, Highlight: CountingHighlight } });
    return { p, registry };
  };

  it('holds changes back until flush(), while keys, ranges and hit tests are current at once', () => {
    const { p, registry } = setup('<p>Offre limitée, stock épuisé bientôt. Le n°1 du marché.</p>');
    const r1 = rangeOf('Offre limitée');
    const r2 = rangeOf('n°1 du marché');
    p.set('c1', 'urgency', [r1]);
    p.set('c2', 'superiority', [r2]);
    expect(registry.size).toBe(0);
    expect(p.pending).toBe(2);
    expect(p.keys().sort()).toEqual(['c1', 'c2']);
    expect(p.rangesOf('c1')).toEqual([r1]);
    expect(p.keysAt(document.querySelector('p')!.firstChild!, 3)).toEqual(['c1']);
    p.flush();
    expect(p.pending).toBe(0);
    expect([...registry.keys()].sort()).toEqual(['claim-lens-superiority', 'claim-lens-urgency']);
    expect([...registry.get('claim-lens-urgency')!]).toEqual([r1]);
    p.flush(); // nothing waiting: no change at all
    expect(CountingHighlight.changes).toBe(2);
  });

  it('an add and a remove of the same range before a flush cancel out (no change reaches the page)', () => {
    const { p, registry } = setup('<p>Garantie à vie</p>');
    const r = rangeOf('Garantie à vie');
    p.set('a', 'unverifiable', [r]);
    p.remove('a');
    expect(p.pending).toBe(0);
    p.flush();
    expect(registry.size).toBe(0);
    expect(CountingHighlight.changes).toBe(0);
    // painted, flushed, then repainted under another key and removed under the first: still painted
    p.set('a', 'unverifiable', [r]);
    p.flush();
    p.set('b', 'unverifiable', [r]);
    p.remove('a');
    p.flush();
    expect([...registry.get('claim-lens-unverifiable')!]).toEqual([r]);
    // moved to another name: removed from the old highlight (dropped once empty), added to the new
    p.set('b', 'fear', [r]);
    expect(registry.has('claim-lens-unverifiable')).toBe(true); // not yet
    p.flush();
    expect(registry.has('claim-lens-unverifiable')).toBe(false);
    expect([...registry.get('claim-lens-fear')!]).toEqual([r]);
  });

  it('many claims painted between two flushes cost one change each, not one per flush', () => {
    const words = Array.from({ length: 40 }, (_, i) => `mot${i}`);
    const { p, registry } = setup(`<p>${words.join(' ')}</p>`);
    const ranges = words.map((w) => rangeOf(w));
    ranges.forEach((r, i) => p.set(`k${i}`, i % 2 ? 'fear' : 'urgency', [r]));
    expect(CountingHighlight.changes).toBe(0);
    p.flush();
    expect(CountingHighlight.changes).toBe(40);
    expect(registry.get('claim-lens-fear')!.size + registry.get('claim-lens-urgency')!.size).toBe(40);
  });

  it('clear() and dispose() drop pending changes and our highlights, never the page’s own', () => {
    const { p, registry } = setup('<p>Offre limitée</p>');
    registry.set('page-own', new CountingHighlight());
    p.set('a', 'urgency', [rangeOf('Offre limitée')]);
    p.flush();
    p.set('b', 'fear', [rangeOf('Offre')]);
    p.clear();
    expect(p.pending).toBe(0);
    p.flush();
    expect([...registry.keys()]).toEqual(['page-own']);
    expect(p.keys()).toEqual([]);
  });

  it('has no effect in wrap mode (marks are DOM changes made at once)', () => {
    document.body.innerHTML = '<p>Offre limitée</p>';
    const p = createPainter(document, { mode: 'wrap', deferred: true });
    p.set('a', 'urgency', [rangeOf('Offre limitée')]);
    expect(p.pending).toBe(0);
    expect(document.querySelectorAll('mark')).toHaveLength(1);
  });
});

describe('painter, wrap fallback', () => {
  const cases = [
    { name: 'inside one text node', html: '<p>Achetez vite, offre limitée !</p>', phrases: ['offre limitée'] },
    { name: 'at the start and end of a node', html: '<p>Offre limitée</p>', phrases: ['Offre limitée'] },
    { name: 'across inline elements', html: '<p>Le <b>meilleur</b> prix <i>du marché</i> garanti.</p>', phrases: ['meilleur prix du'] },
    { name: 'overlapping claims nest', html: '<p>Le meilleur prix garanti à vie.</p>', phrases: ['meilleur prix garanti', 'garanti à vie'] },
    { name: 'adjacent claims in one node', html: '<p>n°1 100\u00a0% naturel</p>', phrases: ['n°1', '100\u00a0% naturel'] },
    { name: 'across blocks', html: '<ul><li>Livraison offerte</li><li>Satisfait ou remboursé</li></ul>', phrases: ['offerteSatisfait'] },
  ];

  it.each(cases)('$name: marks only set background; unwrap restores text and nodes', ({ html, phrases }) => {
    document.body.innerHTML = html;
    const before = document.body.textContent;
    const htmlBefore = document.body.innerHTML;
    const textNodesBefore = countTextNodes(document.body);
    const p = createPainter(document, { mode: 'wrap' });
    expect(p.mode).toBe('wrap');
    phrases.forEach((phrase, i) => {
      // Range.toString has no block separator: find the phrase in textContent terms
      const r = phrase === 'offerteSatisfait' ? crossBlockRange() : rangeOf(phrase);
      p.set(`k${i}`, 'urgency', [r]);
    });
    const marks = document.querySelectorAll('mark[data-claim-lens="mark"]');
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) {
      const style = m.getAttribute('style')!;
      expect(style).toContain('all: unset');
      expect(style).toContain('background-color');
      expect(style).not.toMatch(/padding|margin|border|font/);
    }
    expect(document.body.textContent).toBe(before);
    // the painted text reads back
    phrases.forEach((phrase, i) => {
      const r = p.rangesOf(`k${i}`)[0]!;
      expect(r.toString()).toBe(phrase);
    });
    // remove in creation order (the harder order for nested marks)
    phrases.forEach((_, i) => p.remove(`k${i}`));
    expect(document.querySelectorAll('mark').length).toBe(0);
    expect(document.body.textContent).toBe(before);
    expect(document.body.innerHTML).toBe(htmlBefore);
    expect(countTextNodes(document.body)).toBe(textNodesBefore);
  });

  it('keeps the identity of the page text node when unwrapping', () => {
    document.body.innerHTML = '<p>Avant offre limitée après</p>';
    const original = document.querySelector('p')!.firstChild as Text;
    const p = createPainter(document, { mode: 'wrap' });
    p.set('k', 'urgency', [rangeOf('offre limitée')]);
    expect(original.data).toBe('Avant ');
    p.clear();
    expect(document.querySelector('p')!.firstChild).toBe(original);
    expect(original.data).toBe('Avant offre limitée après');
  });

  it('does not merge page text nodes it did not split', () => {
    document.body.innerHTML = '<p></p>';
    const para = document.querySelector('p')!;
    para.append(document.createTextNode('Premier '), document.createTextNode('offre limitée'));
    const p = createPainter(document, { mode: 'wrap' });
    p.set('k', 'urgency', [rangeOf('offre limitée')]);
    p.remove('k');
    expect(para.childNodes.length).toBe(2);
    expect(para.textContent).toBe('Premier offre limitée');
  });

  it('hitTest in wrap mode uses the element under the point', () => {
    document.body.innerHTML = '<p>Le meilleur prix</p>';
    const p = createPainter(document, { mode: 'wrap' });
    p.set('best', 'superiority', [rangeOf('meilleur')]);
    const mark = document.querySelector('mark')!;
    const d = document as unknown as Record<string, unknown>;
    const orig = d.elementFromPoint;
    d.elementFromPoint = () => mark;
    try {
      expect(p.hitTest(1, 1)).toEqual(['best']);
    } finally {
      d.elementFromPoint = orig;
    }
  });

  it('falls back to wrap when CSS.highlights is missing', () => {
    expect(createPainter(document).mode).toBe('wrap');
  });

  it('never throws on junk', () => {
    const p = createPainter(document, { mode: 'wrap' });
    expect(() => p.set('k', 'urgency', [null as unknown as Range, {} as Range])).not.toThrow();
    expect(() => p.set('k', 'bad name!', undefined as unknown as Range[])).not.toThrow();
    expect(() => p.remove('nope')).not.toThrow();
    expect(p.keys()).toEqual([]);
  });
});

describe('parseHex', () => {
  it.each([
    ['#fff', [255, 255, 255]],
    ['#1c7ed6', [28, 126, 214]],
    ['red', null],
    ['#12345', null],
  ] as const)('%s', (input, out) => {
    expect(parseHex(input)).toEqual(out);
  });
});

function countTextNodes(root: Node): number {
  let n = 0;
  const w = document.createTreeWalker(root, 4);
  while (w.nextNode()) n++;
  return n;
}

function crossBlockRange(): Range {
  const lis = document.querySelectorAll('li');
  const r = document.createRange();
  r.setStart(lis[0]!.firstChild!, 'Livraison '.length);
  r.setEnd(lis[1]!.firstChild!, 'Satisfait'.length);
  return r;
}
