// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { anchorAll } from './anchor';
import { rangeFromOffsets } from './extract';
import { describeRange, pageSnapshot, selectableRange } from './selection';

afterEach(() => {
  document.body.innerHTML = '';
  document.getSelection()?.removeAllRanges();
});

function select(node: Node, start: number, endNode: Node, end: number) {
  const r = document.createRange();
  r.setStart(node, start);
  r.setEnd(endNode, end);
  const sel = document.getSelection()!;
  sel.removeAllRanges();
  sel.addRange(r);
  return r;
}

function selectPhrase(el: Element, phrase: string) {
  const t = el.firstChild as Text;
  const i = t.data.indexOf(phrase);
  return select(t, i, t, i + phrase.length);
}

describe('selectableRange', () => {
  it('returns the selection over page text', () => {
    document.body.innerHTML = '<p id="p">Qu’il s’agisse de l’offre\u00a0: «\u202fexclusive\u202f» !</p>';
    selectPhrase(document.getElementById('p')!, 'l’offre');
    expect(selectableRange(document)?.toString()).toBe('l’offre');
  });

  it.each([
    ['a collapsed selection', '<p id="p">Bonjour</p>', (p: Element) => select(p.firstChild!, 2, p.firstChild!, 2)],
    ['a whitespace-only selection', '<p id="p">a     b</p>', (p: Element) => select(p.firstChild!, 1, p.firstChild!, 5)],
    ['a contenteditable region', '<div contenteditable="true"><p id="p">Mon brouillon</p></div>', (p: Element) => selectPhrase(p, 'brouillon')],
    ['our own UI', '<div data-claim-lens="toolbar"><p id="p">Surligner</p></div>', (p: Element) => selectPhrase(p, 'Surligner')],
    ['a script', '<script id="p">var offre = 1;</script>', (p: Element) => selectPhrase(p, 'offre')],
  ])('is null for %s', (_what, html, pick) => {
    document.body.innerHTML = html;
    pick(document.getElementById('p')!);
    expect(selectableRange(document)).toBeNull();
  });

  it('is null while a text field has focus', () => {
    document.body.innerHTML = '<p id="p">Texte</p><input id="i" value="saisie">';
    selectPhrase(document.getElementById('p')!, 'Texte');
    (document.getElementById('i') as HTMLInputElement).focus();
    expect(selectableRange(document)).toBeNull();
  });

  it('is null with no selection at all', () => {
    document.getSelection()?.removeAllRanges();
    expect(selectableRange(document)).toBeNull();
  });
});

describe('describeRange', () => {
  it('builds the quote with ~32 units of context and the position over the page text, trimming spaces', () => {
    document.body.innerHTML =
      '<h1>Titre de la page</h1><p id="p">Voici une longue introduction avant la phrase. Notre offre « exclusive » expire ce soir ! Puis un long paragraphe de conclusion.</p>';
    const p = document.getElementById('p')!;
    const t = p.firstChild as Text;
    const i = t.data.indexOf(' Notre offre');
    const r = select(t, i, t, t.data.indexOf(' Puis'));
    const snap = pageSnapshot(document);
    const d = describeRange(snap, r)!;
    expect(d.selectors.quote.exact).toBe('Notre offre « exclusive » expire ce soir !');
    expect(d.selectors.quote.prefix).toBe(snap.text.slice(d.start - 32, d.start));
    expect(d.selectors.quote.prefix!.length).toBe(32);
    expect(d.selectors.quote.suffix).toBe(snap.text.slice(d.end, d.end + 32));
    expect(d.selectors.position).toEqual({ type: 'TextPositionSelector', start: d.start, end: d.end });
    expect(snap.text.slice(d.start, d.end)).toBe(d.selectors.quote.exact);
    expect(d.range?.toString()).toBe(d.selectors.quote.exact);
  });

  it('spans several elements and re-anchors to the same text after the page changed around it', async () => {
    document.body.innerHTML = '<p>Intro.</p><p id="p">Le <b>meilleur</b> prix garanti, sans condition.</p><p>Fin.</p>';
    const p = document.getElementById('p')!;
    const r = select(p.firstChild!, 0, p.lastChild!, ' prix garanti'.length);
    const d = describeRange(pageSnapshot(document), r)!;
    expect(d.selectors.quote.exact).toBe('Le meilleur prix garanti');
    // A new paragraph before it and a word changed after it: anchoring still finds it.
    document.body.insertAdjacentHTML('afterbegin', '<p>Un bandeau ajouté plus tard.</p>');
    p.lastChild!.textContent = ' prix garanti, sans aucune condition.';
    const snap = pageSnapshot(document);
    const res = await anchorAll(snap, (s, e) => rangeFromOffsets(snap, s, e), [{ id: 'n1', selectors: d.selectors }]);
    expect(res.orphans).toEqual([]);
    expect(res.anchored[0]!.range.toString()).toBe('Le meilleur prix garanti');
  });

  it('is null for a range outside the page text', () => {
    document.body.innerHTML = '<p>Texte</p>';
    const other = document.createElement('p');
    other.textContent = 'détaché';
    const r = document.createRange();
    r.selectNodeContents(other);
    expect(describeRange(pageSnapshot(document), r)).toBeNull();
  });
});
