// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClaimCard, splitSentence } from './ClaimCard';
import { localeT } from './test-utils';
import type { CardClaimView, ConceptView } from './types';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const hostile = '<img src=x onerror="window.__pwned=1">';
const claim: CardClaimView = {
  id: 'c1',
  text: `Offre limitée ${hostile}`,
  sentence: `Offre limitée ${hostile} : plus que 2 en stock !`,
  category: { category: 'urgency', label: 'Urgence et rareté', description: 'Presser la décision.', color: '#e03131' },
  signals: ['contient un chiffre', 'se termine par un point d’exclamation'],
};
const concepts: ConceptView[] = [
  { id: 'short-term', title: 'Pression du court terme', summary: 'Résumé.', quote: 'Une citation <b>exacte</b>.', sourceTitle: 'Le marketing…', sourceAuthor: 'C. Toudic', why: 'Parce que.' },
  { id: 'targets', title: 'Objectifs imposés', summary: 'Autre résumé.', quote: 'Autre citation.', sourceTitle: 'Commercial et Marketing', sourceAuthor: 'Laloux' },
];

function mount(props: Partial<Parameters<typeof ClaimCard>[0]> = {}) {
  const onClose = vi.fn();
  const onShowConcept = vi.fn();
  act(() => {
    render(<ClaimCard claim={claim} concepts={concepts} t={localeT('fr')} onClose={onClose} onShowConcept={onShowConcept} {...props} />, root);
  });
  return { onClose, onShowConcept };
}

describe('ClaimCard', () => {
  it('shows the category, the claim, the reasons and every linked concept with its source', () => {
    mount();
    expect(root.querySelector('.cl-card__title')?.textContent).toBe('Urgence et rareté');
    expect(root.querySelector('.cl-card__kicker')?.textContent).toBe('Allégation marketing');
    expect(root.querySelector('.cl-card__desc')?.textContent).toBe('Presser la décision.');
    expect([...root.querySelectorAll('.cl-card__signals li')].map((li) => li.textContent)).toEqual(claim.signals);
    const items = [...root.querySelectorAll('.cl-concept')];
    expect(items.map((li) => li.getAttribute('data-concept'))).toEqual(['short-term', 'targets']);
    expect(items[0]?.querySelector('figcaption')?.textContent).toBe('Source\u00a0: Le marketing… — C. Toudic');
    expect(items[0]?.querySelector('.cl-concept__why')?.textContent).toBe('Parce que.');
    expect(items[1]?.querySelector('.cl-concept__why')).toBeNull();
  });

  it('renders page text and quotes as text, never as markup', () => {
    mount();
    expect(root.querySelector('[data-testid="claim-text"]')?.textContent).toBe(claim.text);
    expect(root.querySelector('[data-testid="claim-sentence"]')?.textContent).toBe(claim.sentence);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('b')).toBeNull();
    expect(root.querySelector('.cl-concept__quote blockquote')?.textContent).toBe('Une citation <b>exacte</b>.');
  });

  it('calls onClose from the close button and on Escape', () => {
    const { onClose } = mount();
    act(() => (root.querySelector('.cl-card__close') as HTMLButtonElement).click());
    expect(onClose).toHaveBeenCalledTimes(1);
    act(() => {
      root.querySelector('.cl-card')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('asks to show a concept in the popup', () => {
    const { onShowConcept } = mount();
    act(() => (root.querySelectorAll('.cl-concept .cl-button')[1] as HTMLButtonElement).click());
    expect(onShowConcept).toHaveBeenCalledWith('targets');
  });

  it('has an empty state when no concept is linked, and shows a notice', () => {
    mount({ concepts: [], notice: 'Cliquez sur le bouton.' });
    expect(root.querySelector('.cl-card__empty')?.textContent).toBe('Aucune notion n’est encore liée à cette allégation.');
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Cliquez sur le bouton.');
  });

  it('moves focus to the close button when asked to', () => {
    mount({ autoFocus: true });
    expect(document.activeElement).toBe(root.querySelector('.cl-card__close'));
  });

  it('is a labelled dialog in English too', () => {
    mount({ t: localeT('en') });
    const dialog = root.querySelector('[role="dialog"]')!;
    const label = document.getElementById(dialog.getAttribute('aria-labelledby')!);
    expect(label?.textContent).toBe('Urgence et rareté');
    expect(root.querySelector('.cl-card__close')?.getAttribute('aria-label')).toBe('Close');
  });
});

describe('splitSentence', () => {
  const long = 'a '.repeat(200);
  it.each([
    ['claim in the middle', { text: 'offre limitée', sentence: 'Une offre limitée ici.', sentenceOffset: 4 }, ['Une ', 'offre limitée', ' ici.']],
    ['wrong offset falls back to a search', { text: 'offre', sentence: 'Une offre.', sentenceOffset: 0 }, ['Une ', 'offre', '.']],
    ['no offset', { text: 'offre', sentence: 'Une offre.' }, ['Une ', 'offre', '.']],
    ['claim not in sentence', { text: 'x', sentence: 'abc' }, ['', 'x', '']],
    ['empty claim', { text: '', sentence: 'abc' }, ['', '', '']],
  ])('%s', (_, input, want) => {
    const r = splitSentence(input);
    expect([r.before, r.text, r.after]).toEqual(want);
  });
  it('cuts long context on word boundaries with an ellipsis', () => {
    const r = splitSentence({ text: 'CLAIM', sentence: `${long}CLAIM ${long}` });
    expect(r.before.startsWith('…')).toBe(true);
    expect(r.after.endsWith('…')).toBe(true);
    expect(r.before.length).toBeLessThanOrEqual(161);
    expect(r.after.length).toBeLessThanOrEqual(161);
  });
});

describe('ClaimCard: save as note', () => {
  it('has no button without a handler', () => {
    mount();
    expect(root.querySelector('[data-action="save-note"]')).toBeNull();
  });
  it.each([
    ['idle', 'Enregistrer en note', false],
    ['saving', 'Enregistrer en note', true],
    ['saved', 'Enregistrée en note', true],
    ['error', 'Enregistrer en note', false],
  ] as const)('state %s → %j, disabled=%s', (saveState, label, disabled) => {
    const onSaveNote = vi.fn();
    mount({ onSaveNote, saveState });
    const b = root.querySelector<HTMLButtonElement>('[data-action="save-note"]')!;
    expect(b.textContent).toBe(label);
    expect(b.disabled).toBe(disabled);
    expect(!!root.querySelector('.cl-card__save-error')).toBe(saveState === 'error');
    act(() => b.click());
    expect(onSaveNote).toHaveBeenCalledTimes(disabled ? 0 : 1);
  });
});
