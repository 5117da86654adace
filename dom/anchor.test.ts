// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import type { SelectorPair } from '../engine/annotation';
import { anchorAll, selectorsFromRange, type AnchorItem, type ToRange } from './anchor';

/**
 * The simplest snapshot that fits anchorAll: every text node under root, concatenated, and a
 * toRange that maps offsets back by binary search over the nodes' start offsets.
 */
function flatSnapshot(root: Node): { snapshot: { text: string }; toRange: ToRange } {
  const nodes: Text[] = [];
  const starts: number[] = [];
  let text = '';
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push(n as Text);
    starts.push(text.length);
    text += (n as Text).data;
  }
  const locate = (offset: number, isEnd: boolean): [Text, number] | null => {
    if (nodes.length === 0 || offset < 0 || offset > text.length) return null;
    let lo = 0;
    let hi = nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      // an end offset at a node boundary belongs to the node before it
      if (isEnd ? starts[mid]! < offset : starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [nodes[lo]!, offset - starts[lo]!];
  };
  const toRange: ToRange = (s, e) => {
    const a = locate(s, false);
    const b = locate(e, true);
    if (!a || !b) return null;
    const r = document.createRange();
    r.setStart(a[0], a[1]);
    r.setEnd(b[0], b[1]);
    return r;
  };
  return { snapshot: { text }, toRange };
}

const HTML = `
<article>
  <h1>Crème <b>Verdure</b> bio</h1>
  <p id="p1">Notre crème hydratante <b>réduit les rides</b> de 50&#x202F;% en 4 semaines, selon une étude interne.</p>
  <p id="p2">Livraison gratuite dès 50&#x202F;€ d’achat. Retours acceptés sous 30 jours.</p>
  <p id="p3">Découvrez l’offre «&nbsp;Printemps&nbsp;» : deux produits achetés, le troisième offert.</p>
  <p id="p4">Nos emballages sont recyclables et nos ingrédients proviennent de France.</p>
</article>`;

function highlight(text: string, quote: string): SelectorPair {
  const i = text.indexOf(quote);
  if (i < 0) throw new Error('fixture: ' + quote);
  return selectorsFromRange(text, i, i + quote.length)!;
}

describe('anchorAll over a flat text-node snapshot', () => {
  let items: AnchorItem[];
  beforeEach(() => {
    document.body.innerHTML = HTML;
    const { snapshot } = flatSnapshot(document.body);
    items = [
      { id: 'spans-bold', selectors: highlight(snapshot.text, 'crème hydratante réduit les rides de 50\u202f%') },
      { id: 'delivery', selectors: highlight(snapshot.text, 'Livraison gratuite dès 50\u202f€ d’achat.') },
      { id: 'offer', selectors: highlight(snapshot.text, 'Découvrez l’offre «\u00a0Printemps\u00a0»') },
      { id: 'packaging', selectors: highlight(snapshot.text, 'Nos emballages sont recyclables') },
    ];
  });

  it('anchors every highlight in the unchanged page at its position, across element boundaries', async () => {
    const { snapshot, toRange } = flatSnapshot(document.body);
    const res = await anchorAll(snapshot, toRange, items);
    expect(res.orphans).toEqual([]);
    expect(res.anchored.map((a) => [a.id, a.method, a.range.toString()])).toEqual([
      ['spans-bold', 'position', 'crème hydratante réduit les rides de 50\u202f%'],
      ['delivery', 'position', 'Livraison gratuite dès 50\u202f€ d’achat.'],
      ['offer', 'position', 'Découvrez l’offre «\u00a0Printemps\u00a0»'],
      ['packaging', 'position', 'Nos emballages sont recyclables'],
    ]);
  });

  it('after the page changed: moved → exact, edited → fuzzy, deleted → orphan', async () => {
    document.querySelector('article')!.insertAdjacentHTML('afterbegin', '<div class="banner">Soldes : -20 % sur tout le site !</div>');
    document.getElementById('p2')!.innerHTML = 'Livraison <i>offerte</i> dès 50&#x202F;€ d’achat. Retours acceptés sous 30 jours.';
    document.getElementById('p3')!.innerHTML = "Découvrez l'offre «&nbsp;Printemps&nbsp;» : deux produits achetés, le troisième offert.";
    document.getElementById('p4')!.remove();
    const { snapshot, toRange } = flatSnapshot(document.body);
    const res = await anchorAll(snapshot, toRange, items);
    expect(res.orphans).toEqual(['packaging']);
    const byId = Object.fromEntries(res.anchored.map((a) => [a.id, a]));
    expect(byId['spans-bold']!.method).toBe('exact');
    expect(byId['spans-bold']!.range.toString()).toBe('crème hydratante réduit les rides de 50\u202f%');
    expect(byId['delivery']!.method).toBe('fuzzy');
    expect(byId['delivery']!.range.toString()).toBe('Livraison offerte dès 50\u202f€ d’achat.');
    expect(byId['offer']!.method).toBe('fuzzy');
    expect(byId['offer']!.range.toString()).toBe("Découvrez l'offre «\u00a0Printemps\u00a0»");
    for (const a of res.anchored) {
      expect(snapshot.text.slice(a.start, a.end)).toBe(a.range.toString());
      expect(a.score).toBeGreaterThanOrEqual(0.75);
    }
  });

  it('a similar sentence left on the page does not catch a deleted highlight', async () => {
    document.getElementById('p1')!.remove();
    document.querySelector('article')!.insertAdjacentHTML('beforeend', '<p>Notre crème hydratante réduit les taches de 30&#x202F;% en 8 semaines, prouvé en laboratoire.</p>');
    const { snapshot, toRange } = flatSnapshot(document.body);
    const res = await anchorAll(snapshot, toRange, items);
    expect(res.orphans).toEqual(['spans-bold']);
    expect(res.anchored.map((a) => a.id)).toEqual(['delivery', 'offer', 'packaging']);
  });

  it('an item whose range cannot be built, or whose selectors are broken, is an orphan', async () => {
    const { snapshot, toRange } = flatSnapshot(document.body);
    const flaky: ToRange = (s, e) => {
      if (snapshot.text.slice(s, e).startsWith('Livraison')) throw new Error('detached');
      if (snapshot.text.slice(s, e).startsWith('Découvrez')) return null;
      return toRange(s, e);
    };
    const broken = [...items, { id: 'broken', selectors: { quote: null } as unknown as SelectorPair }, null as unknown as AnchorItem];
    const res = await anchorAll(snapshot, flaky, broken);
    expect(res.anchored.map((a) => a.id)).toEqual(['spans-bold', 'packaging']);
    expect(res.orphans).toEqual(['delivery', 'offer', 'broken']);
  });

  it('yields between items when asked, and only then', async () => {
    const { snapshot, toRange } = flatSnapshot(document.body);
    let yields = 0;
    const yieldFn = async () => {
      yields++;
    };
    const always = await anchorAll(snapshot, toRange, items, { shouldYield: () => true, yieldFn });
    expect(yields).toBe(items.length - 1);
    yields = 0;
    const never = await anchorAll(snapshot, toRange, items, { shouldYield: () => false, yieldFn });
    expect(yields).toBe(0);
    expect(never.anchored.map((a) => [a.id, a.start, a.end])).toEqual(always.anchored.map((a) => [a.id, a.start, a.end]));
  });

  it('ranges are built in input order, with a yield between items', async () => {
    const { snapshot, toRange } = flatSnapshot(document.body);
    const order: string[] = [];
    const res = await anchorAll(snapshot, (s, e) => (order.push('range'), toRange(s, e)), items, {
      shouldYield: () => true,
      yieldFn: async () => {
        order.push('yield');
      },
    });
    expect(res.anchored).toHaveLength(4);
    expect(order).toEqual(['range', 'yield', 'range', 'yield', 'range', 'yield', 'range']);
  });

  it('a failing shouldYield or yieldFn never makes it reject', async () => {
    const { snapshot, toRange } = flatSnapshot(document.body);
    const a = await anchorAll(snapshot, toRange, items, {
      shouldYield: () => {
        throw new Error('x');
      },
    });
    expect(a.anchored).toHaveLength(4);
    const b = await anchorAll(snapshot, toRange, items, { shouldYield: () => true, yieldFn: () => Promise.reject(new Error('y')) });
    expect(b.anchored).toHaveLength(4);
  });

  it('default options work (time slices, setTimeout yield)', async () => {
    const { snapshot, toRange } = flatSnapshot(document.body);
    const res = await anchorAll(snapshot, toRange, items);
    expect(res.anchored).toHaveLength(4);
  });

  it('empty inputs', async () => {
    const { toRange } = flatSnapshot(document.body);
    expect(await anchorAll({ text: '' }, toRange, items)).toEqual({ anchored: [], orphans: items.map((i) => i.id) });
    expect(await anchorAll({ text: 'abc' }, toRange, [])).toEqual({ anchored: [], orphans: [] });
    expect(await anchorAll(null as unknown as { text: string }, toRange, null as unknown as AnchorItem[])).toEqual({ anchored: [], orphans: [] });
  });
});

describe('selectorsFromRange', () => {
  it('describes the snapshot range with 32 units of context', () => {
    const text = 'x'.repeat(50) + 'la citation' + 'y'.repeat(50);
    const pair = selectorsFromRange(text, 50, 61)!;
    expect(pair.quote).toEqual({ type: 'TextQuoteSelector', exact: 'la citation', prefix: 'x'.repeat(32), suffix: 'y'.repeat(32) });
    expect(pair.position).toEqual({ type: 'TextPositionSelector', start: 50, end: 61 });
    expect(selectorsFromRange(text, 10, 10)).toBeNull();
  });
});
