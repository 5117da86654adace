// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import {
  extractText,
  isInSkippedContext,
  nearestBlock,
  offsetOfPoint,
  offsetsFromRange,
  rangeFromOffsets,
  type TextSnapshot,
} from './extract';

function body(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('extractText: what is read and how it is joined', () => {
  const cases: Array<{ name: string; html: string; text: string; opts?: Parameters<typeof extractText>[1] }> = [
    { name: 'plain paragraph', html: '<p>Hello world</p>', text: 'Hello world' },
    { name: 'inline elements join without separator', html: '<p><b>Prix</b>imbattable <i>ici</i></p>', text: 'Priximbattable ici' },
    { name: 'blocks are separated by a blank line', html: '<p>Un</p><p>Deux</p><div>Trois</div>', text: 'Un\n\nDeux\n\nTrois' },
    { name: 'br is a block boundary', html: '<p>Ligne un<br>Ligne deux</p>', text: 'Ligne un\n\nLigne deux' },
    { name: 'list items and table cells', html: '<ul><li>a</li><li>b</li></ul><table><tr><td>c</td><td>d</td></tr></table>', text: 'a\n\nb\n\nc\n\nd' },
    { name: 'indentation between blocks is dropped', html: '<div>\n  <p>Un</p>\n  <p>Deux</p>\n</div>', text: 'Un\n\nDeux' },
    { name: 'whitespace-only node between inline text is kept', html: '<p><span>Offre</span> <span>limitée</span></p>', text: 'Offre limitée' },
    { name: 'consecutive boundaries collapse', html: '<div><div><p>A</p></div></div><div><br><br><p>B</p></div>', text: 'A\n\nB' },
    { name: 'script style noscript template skipped', html: '<p>A<script>var x = "B";</script><style>p{}</style><noscript>C</noscript><template>D</template>E</p>', text: 'AE' },
    { name: 'form controls skipped, button kept as block', html: '<p>Avant<textarea>T</textarea><select><option>O</option></select><input value="I">après</p><button>Achetez vite !</button>', text: 'Avantaprès\n\nAchetez vite !' },
    { name: 'svg skipped including its text', html: '<p>A<svg><text>S</text></svg>B</p>', text: 'AB' },
    { name: 'object and embed skipped', html: '<p>A</p><object>fallback</object><embed><p>B</p>', text: 'A\n\nB' },
    { name: 'hidden attribute skipped', html: '<p>A</p><p hidden>caché</p><div hidden="until-found">trouvable</div><p>B</p>', text: 'A\n\nB' },
    { name: 'inline display:none and visibility:hidden skipped', html: '<p>A<span style="display: none">X</span><span style="visibility:hidden">Y</span>B</p>', text: 'AB' },
    { name: 'contenteditable skipped (empty value, true, plaintext-only)', html: '<p>A</p><div contenteditable>E1</div><div contenteditable="true">E2</div><div contenteditable="plaintext-only">E3</div><p>B</p>', text: 'A\n\nB' },
    { name: 'contenteditable=false is read', html: '<div contenteditable="false">lisible</div>', text: 'lisible' },
    { name: 'own UI skipped, own marks transparent', html: '<p>A<span data-claim-lens="ui">menu</span><mark data-claim-lens="mark">B</mark>C</p><div data-claim-lens>card</div>', text: 'ABC' },
    { name: 'closed details shows only its summary', html: '<details><summary>Résumé</summary><p>Détail</p>texte</details><details open><summary>S</summary><p>Ouvert</p></details>', text: 'Résumé\n\nS\n\nOuvert' },
    { name: 'dialog without open skipped', html: '<p>A</p><dialog>modal</dialog><dialog open>ouvert</dialog>', text: 'A\n\nouvert' },
    { name: 'aria-hidden kept by default', html: '<p>A<span aria-hidden="true">★</span></p>', text: 'A★' },
    { name: 'aria-hidden skipped on request', html: '<p>A<span aria-hidden="true">★</span></p>', text: 'A', opts: { skipAriaHidden: true } },
    { name: 'stopAtBlocks keeps only the root block\'s own text', html: '<div>intro <b>gras</b><p>nested</p>fin</div>', text: 'intro gras\n\nfin', opts: { stopAtBlocks: true } },
    {
      name: 'French typography untouched (U+00A0, U+202F, ’, « »)',
      html: '<p>L’offre\u202f! «\u00a0Garantie\u00a0» qu’il dit\u00a0: 100\u00a0%</p>',
      text: 'L’offre\u202f! «\u00a0Garantie\u00a0» qu’il dit\u00a0: 100\u00a0%',
    },
  ];
  it.each(cases)('$name', ({ html, text, opts }) => {
    const root = body(html);
    const root2 = opts?.stopAtBlocks ? (root.firstElementChild as Element) : root;
    expect(extractText(root2, opts).text).toBe(text);
  });

  it('segments tile the text exactly, separators excepted', () => {
    const root = body('<div>\n <p>Un <b>deux</b></p>\n<p>trois</p></div>');
    const snap = extractText(root);
    let rebuilt = '';
    for (const s of snap.segments) {
      expect(s.node.data).toBe(snap.text.slice(s.start, s.end));
      rebuilt += (rebuilt && snap.text.slice(s.start - 2, s.start) === '\n\n' ? '\n\n' : '') + s.node.data;
    }
    expect(rebuilt).toBe(snap.text);
    for (let i = 1; i < snap.segments.length; i++) expect(snap.segments[i]!.start).toBeGreaterThanOrEqual(snap.segments[i - 1]!.end);
  });

  it('extracts a subtree, a text node, a document, and respects skipped ancestors', () => {
    const root = body('<article><p id="a">Alpha <i>beta</i></p></article><div contenteditable><p id="e">edit</p></div>');
    expect(extractText(document.getElementById('a')!).text).toBe('Alpha beta');
    expect(extractText(document.getElementById('a')!.firstChild!).text).toBe('Alpha ');
    expect(extractText(document).text).toBe('Alpha beta');
    expect(extractText(document.getElementById('e')!).text).toBe('');
    expect(isInSkippedContext(document.getElementById('e')!.firstChild!)).toBe(true);
    expect(isInSkippedContext(document.getElementById('a')!.firstChild!)).toBe(false);
    expect(root.isConnected).toBe(true);
  });

  it('svg <style> is skipped (built with DOM calls: happy-dom drops text after it when parsing)', () => {
    const root = body('<p>A<span id="x"></span>B</p>');
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
    style.textContent = '.x { fill: red }';
    svg.appendChild(style);
    document.getElementById('x')!.appendChild(svg);
    expect(extractText(root).text).toBe('AB');
  });

  it('iframe is skipped (checked detached: happy-dom would try to load it)', () => {
    const root = document.createElement('div');
    const iframe = document.createElement('iframe');
    iframe.append('fallback');
    root.append('A', iframe, 'B');
    expect(extractText(root).text).toBe('AB');
  });

  it('checkVisibility option consults Element.checkVisibility', () => {
    const root = body('<p>A</p><p class="off">B</p><p>C</p>');
    const off = root.querySelector('.off') as Element & { checkVisibility: () => boolean };
    off.checkVisibility = () => false;
    expect(extractText(root).text).toBe('A\n\nB\n\nC');
    expect(extractText(root, { checkVisibility: true }).text).toBe('A\n\nC');
  });

  it('maxChars caps the work', () => {
    const root = body('<p>aaaa</p><p>bbbb</p><p>cccc</p>');
    expect(extractText(root, { maxChars: 5 }).text).toBe('aaaa\n\nbbbb');
  });

  it('never throws on odd input', () => {
    expect(extractText(null as unknown as Node).text).toBe('');
    expect(extractText(document.createDocumentFragment()).text).toBe('');
  });
});

describe('offsets <-> Range round trip', () => {
  const html =
    '<h1>Le n°1 du marché</h1><p>L’offre\u202f! <b>Garantie <i>à vie</i></b>, qu’il dit\u00a0: «\u00a0100\u00a0% naturel\u00a0».</p><ul><li>Livraison offerte</li></ul>';

  function snap(): TextSnapshot {
    return extractText(body(html));
  }

  const phrases = ['n°1 du marché', 'L’offre\u202f!', 'Garantie à vie', 'qu’il dit\u00a0:', '«\u00a0100\u00a0% naturel\u00a0»', 'Livraison offerte', 'e à v'];
  it.each(phrases)('round-trips %j', (phrase) => {
    const s = snap();
    const start = s.text.indexOf(phrase);
    expect(start).toBeGreaterThanOrEqual(0);
    const range = rangeFromOffsets(s, start, start + phrase.length);
    expect(range).not.toBeNull();
    expect(range!.toString()).toBe(phrase);
    expect(offsetsFromRange(s, range!)).toEqual({ start, end: start + phrase.length });
  });

  it('every single-character range round-trips', () => {
    const s = snap();
    for (let i = 0; i < s.text.length; i++) {
      const r = rangeFromOffsets(s, i, i + 1);
      if (s.text[i] === '\n') {
        expect(r).toBeNull();
        continue;
      }
      expect(r!.toString()).toBe(s.text[i]);
      expect(offsetsFromRange(s, r!)).toEqual({ start: i, end: i + 1 });
    }
  });

  it('a range across blocks keeps both ends and skips the separator', () => {
    const s = snap();
    const start = s.text.indexOf('marché');
    const end = s.text.indexOf('L’offre') + 3;
    const r = rangeFromOffsets(s, start, end)!;
    expect(r.toString()).toBe('marchéL’o'); // Range.toString has no separator; the snapshot does
    expect(offsetsFromRange(s, r)).toEqual({ start, end });
  });

  it('offsets inside a separator move inward; only-separator ranges are null', () => {
    const s = snap();
    const sep = s.text.indexOf('\n\n');
    expect(rangeFromOffsets(s, sep, sep + 2)).toBeNull();
    const r = rangeFromOffsets(s, sep - 1, sep + 3)!;
    expect(r.toString()).toBe('éL');
  });

  it('bad offsets are null, never throw', () => {
    const s = snap();
    expect(rangeFromOffsets(s, 5, 5)).toBeNull();
    expect(rangeFromOffsets(s, 9, 3)).toBeNull();
    expect(rangeFromOffsets(s, NaN, 3)).toBeNull();
    expect(rangeFromOffsets(s, -10, 2)!.toString()).toBe('Le');
    expect(rangeFromOffsets(s, s.text.length - 2, s.text.length + 50)!.toString()).toBe('te');
  });

  it('returns null when nodes were detached or changed after extraction', () => {
    const s = snap();
    const li = document.querySelector('li')!;
    const start = s.text.indexOf('Livraison');
    expect(rangeFromOffsets(s, start, start + 9)).not.toBeNull();
    (li.firstChild as Text).data = 'Autre texte ici!!';
    expect(rangeFromOffsets(s, start, start + 9)).toBeNull();
    const h1Start = s.text.indexOf('n°1');
    document.querySelector('h1')!.remove();
    expect(rangeFromOffsets(s, h1Start, h1Start + 3)).toBeNull();
  });

  it('maps element boundary points and points outside the root', () => {
    const s = snap();
    const p = document.querySelector('p')!;
    // (p, 0) is just before "L’offre"
    expect(offsetOfPoint(s, p, 0)).toBe(s.text.indexOf('L’offre'));
    // (p, childCount) is after the paragraph: backward bias gives the paragraph's end
    const pEnd = s.text.indexOf('».') + 2;
    expect(offsetOfPoint(s, p, p.childNodes.length, 'backward')).toBe(pEnd);
    const outside = document.createElement('div');
    expect(offsetOfPoint(s, outside, 0)).toBeNull();
    // a selection of the whole paragraph element maps to its text
    const r = document.createRange();
    r.selectNodeContents(p);
    const o = offsetsFromRange(s, r)!;
    expect(s.text.slice(o.start, o.end)).toBe(p.textContent);
  });

  it('nearestBlock finds the enclosing block or the root', () => {
    const root = body('<div><p>a <b id="b">x</b></p></div><span id="s">loose</span>');
    expect(nearestBlock(document.getElementById('b')!.firstChild!, root)).toBe(document.querySelector('p'));
    expect(nearestBlock(document.getElementById('s')!.firstChild!, root)).toBe(root);
  });
});
