// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CATEGORIES, type Category } from '../engine/types';
import { categoryColor } from './colors';
import { Popup, groupClaims, type PopupProps } from './Popup';
import { localeT } from './test-utils';
import type { CategoryView, ConceptView, PageNoteView, PopupClaimView } from './types';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const categories = Object.fromEntries(
  CATEGORIES.map((c) => [c, { category: c, label: `label:${c}`, description: `desc:${c}`, color: categoryColor(c) }]),
) as Record<Category, CategoryView>;
const concepts: Record<string, ConceptView> = {
  greenwashing: { id: 'greenwashing', title: 'Greenwashing', summary: 'Green claims need proof.', quote: 'q1', sourceTitle: 'Le commerce 3.0', sourceAuthor: 'Yann Jaslet' },
  anxieties: { id: 'anxieties', title: 'Needs created from anxieties', summary: 'Playing on fears.', quote: 'q2', sourceTitle: 'Commercial et Marketing', sourceAuthor: 'Laloux' },
};
const claims: PopupClaimView[] = [
  { id: 'a', text: 'éco-responsable', sentence: 'Un sac éco-responsable.', category: 'environmental', concepts: ['greenwashing'] },
  { id: 'b', text: "don't miss out", sentence: "Don't miss out!", category: 'fear', concepts: ['anxieties'] },
  { id: 'c', text: 'carbon neutral', sentence: 'Carbon neutral shipping.', category: 'environmental', concepts: ['greenwashing', 'anxieties'] },
  { id: 'd', text: '<img src=x onerror=alert(1)>', sentence: 'x', category: 'unverifiable', concepts: ['unknown-id'] },
];

function mount(over: Partial<PopupProps> = {}) {
  const props: PopupProps = {
    t: localeT('en'),
    status: 'ok',
    origin: 'https://shop.example',
    claims,
    concepts,
    categories,
    groupBy: 'concept',
    onGroupBy: vi.fn(),
    paused: false,
    onTogglePause: vi.fn(),
    onSelectClaim: vi.fn(),
    ...over,
  };
  act(() => render(<Popup {...props} />, root));
  return props;
}
const text = (sel: string) => [...root.querySelectorAll(sel)].map((e) => e.textContent);

describe('groupClaims', () => {
  it('groups by best known concept, unknown concepts last', () => {
    const g = groupClaims(claims, 'concept', concepts, categories, 'Other');
    expect(g.map((x) => [x.key, x.claims.map((c) => c.id)])).toEqual([
      ['concept:greenwashing', ['a', 'c']],
      ['concept:anxieties', ['b']],
      ['other', ['d']],
    ]);
  });
  it('groups by category, largest first', () => {
    const g = groupClaims(claims, 'category', concepts, categories, 'Other');
    expect(g.map((x) => [x.key, x.claims.length])).toEqual([
      ['cat:environmental', 2],
      ['cat:fear', 1],
      ['cat:unverifiable', 1],
    ]);
  });
});

describe('Popup', () => {
  it('lists claims under their concepts with totals per category', () => {
    mount();
    expect(text('.cl-group__title')).toEqual(['Greenwashing (2)', 'Needs created from anxieties (1)', 'Not linked to a concept (1)']);
    expect(text('.cl-totals__list li')).toEqual(['label:environmental2', 'label:fear1', 'label:unverifiable1']);
    expect(root.querySelector('.cl-totals h2')?.textContent).toBe('Claims by type · 4 claims');
    expect(text('[data-group="concept:greenwashing"] .cl-claim__text')).toEqual(['éco-responsable', 'carbon neutral']);
  });

  it('says when the page has more claims than the list holds, in English and French', () => {
    mount({ total: 4 });
    expect(root.querySelector('[data-testid="listed-of"]')).toBeNull();
    mount({ total: 9745 });
    expect(root.querySelector('[data-testid="listed-of"]')?.textContent).toBe('Only the first 4 of the 9745 claims on this page are listed (totals count the listed ones).');
    mount({ total: 9745, t: localeT('fr') });
    expect(root.querySelector('[data-testid="listed-of"]')?.textContent).toBe('Seules les 4 premières des 9745 allégations de la page sont listées (les totaux portent sur celles-ci).');
  });

  it('shows claim text as text', () => {
    mount();
    expect(root.querySelector('img')).toBeNull();
    expect(text('[data-claim-id="d"] .cl-claim__text')).toEqual(['<img src=x onerror=alert(1)>']);
  });

  it('switches grouping and reports clicks on claims', () => {
    const p = mount({ groupBy: 'category' });
    expect(text('.cl-group__title')[0]).toBe('label:environmental (2)');
    act(() => (root.querySelector('input[value="concept"]') as HTMLInputElement).click());
    expect(p.onGroupBy).toHaveBeenCalledWith('concept');
    act(() => (root.querySelector('[data-claim-id="b"] button') as HTMLButtonElement).click());
    expect(p.onSelectClaim).toHaveBeenCalledWith('b');
  });

  it('toggles pause and then says it takes effect on reload', () => {
    const p = mount();
    expect(root.querySelector('.cl-pause [role="status"]')).toBeNull();
    act(() => (root.querySelector('[data-testid="pause-switch"]') as HTMLInputElement).click());
    expect(p.onTogglePause).toHaveBeenCalledWith(true);
    mount({ paused: true, pauseChanged: true });
    expect((root.querySelector('[data-testid="pause-switch"]') as HTMLInputElement).checked).toBe(true);
    expect(root.querySelector('.cl-pause [role="status"]')?.textContent).toBe('Takes effect when you reload the page.');
  });

  it.each([
    ['loading', [], 'Reading the page…'],
    ['unavailable', [], 'This page cannot be scanned'],
    ['paused', [], 'Claim Lens is paused on this site'],
    ['ok', [], 'No claim found on this page.'],
  ] as const)('empty state %s', (status, list, want) => {
    mount({ status, claims: [...list], origin: status === 'unavailable' ? undefined : 'https://a.example' });
    expect(root.querySelector('.cl-empty')?.textContent).toContain(want);
    expect(root.querySelectorAll('.cl-claim')).toHaveLength(0);
    // The pause switch is offered only when there is a site to pause.
    expect(!!root.querySelector('[data-testid="pause-switch"]')).toBe(status === 'ok' || status === 'paused');
  });

  it('shows the concept the card asked for', () => {
    mount({ focusConceptId: 'anxieties' });
    const f = root.querySelector('[data-testid="focused-concept"]');
    expect(f?.getAttribute('data-concept')).toBe('anxieties');
    expect(f?.textContent).toContain('Concept opened from the page');
    expect(f?.textContent).toContain('Playing on fears.');
  });

  it('has a legend with every category and its colour', () => {
    mount();
    const items = [...root.querySelectorAll('.cl-legend__list li')];
    expect(items).toHaveLength(CATEGORIES.length);
    const sw = items[0]?.querySelector('.cl-swatch') as HTMLElement;
    expect(sw.style.background).not.toBe('');
  });

  it('speaks French', () => {
    mount({ t: localeT('fr'), claims: [claims[0]!] });
    expect(root.querySelector('.cl-totals h2')?.textContent).toBe('Allégations par type · 1 allégation');
    expect(root.querySelector('.cl-switch')?.textContent).toBe('Mettre en pause sur ce site');
  });
});

describe('Popup: notes on this page', () => {
  const notes: PageNoteView[] = [
    { id: 'n1', text: 'la qualité perçue', note: 'Idée : « cohérence »', tags: ['qualité'], color: 'green', origin: 'user', found: true },
    { id: 'n2', text: '<img src=x onerror=alert(1)>', note: '<b>pas du HTML</b>', tags: [], color: 'yellow', origin: 'claim', found: false },
  ];

  it('counts, lists found notes (selectable) and orphans (not found, with text and note)', () => {
    const onSelectNote = vi.fn();
    mount({ notes, onSelectNote });
    expect(root.querySelector('[data-testid="notes-count"]')?.textContent).toBe('2 highlights');
    expect(text('[data-testid="notes-found"] .cl-note__text')).toEqual(['la qualité perçue']);
    expect(text('[data-testid="notes-found"] .cl-note__tags')).toEqual(['#qualité']);
    expect(root.querySelector('.cl-notes h3')?.textContent).toBe('Not found on this page');
    expect(text('[data-testid="notes-orphans"] .cl-note__text')).toEqual(['<img src=x onerror=alert(1)>']);
    expect(text('[data-testid="notes-orphans"] .cl-note__note')).toEqual(['<b>pas du HTML</b>']);
    expect(root.querySelector('.cl-notes img, .cl-notes b')).toBeNull();
    act(() => (root.querySelector('[data-note-id="n1"] button') as HTMLButtonElement).click());
    expect(onSelectNote).toHaveBeenCalledWith('n1');
    // An orphan cannot be scrolled to: no button.
    expect(root.querySelector('[data-note-id="n2"] button')).toBeNull();
  });

  it('says when there is no note, in French too, and hides the section while unknown', () => {
    mount({ notes: [] });
    expect(root.querySelector('[data-testid="notes-count"]')?.textContent).toBe('0 highlights');
    expect(root.querySelector('.cl-note-empty')).not.toBeNull();
    mount({ notes: [notes[0]!], t: localeT('fr') });
    expect(root.querySelector('.cl-notes h2')?.textContent).toBe('Notes sur cette page · 1 surlignage');
    mount({ notes: undefined });
    expect(root.querySelector('[data-testid="page-notes"]')).toBeNull();
  });

  it('opens the library', () => {
    const onOpenLibrary = vi.fn();
    mount({ notes, onOpenLibrary });
    act(() => (root.querySelector('[data-testid="open-library"]') as HTMLButtonElement).click());
    expect(onOpenLibrary).toHaveBeenCalledTimes(1);
    mount({ notes: undefined, onOpenLibrary });
    expect(root.querySelector('[data-testid="open-library"]')).not.toBeNull();
  });

  it('has a save button per claim, disabled once saved, labelled with the claim', () => {
    const onSaveClaim = vi.fn();
    mount({ onSaveClaim, savedClaims: ['b'], failedClaims: ['c'] });
    const buttons = [...root.querySelectorAll<HTMLButtonElement>('[data-action="save-claim"]')];
    expect(buttons).toHaveLength(claims.length);
    const of = (id: string) => root.querySelector<HTMLButtonElement>(`.cl-claim[data-claim-id="${id}"] [data-action="save-claim"]`)!;
    expect(of('b').disabled).toBe(true);
    expect(of('b').textContent).toBe('Saved as note');
    expect(of('c').getAttribute('data-state')).toBe('error');
    expect(of('a').getAttribute('aria-label')).toBe('Save as note: éco-responsable');
    act(() => of('a').click());
    expect(onSaveClaim).toHaveBeenCalledWith('a');
    mount({ onSaveClaim: undefined });
    expect(root.querySelectorAll('[data-action="save-claim"]')).toHaveLength(0);
  });
});
