import { describe, expect, it } from 'vitest';
import {
  BackgroundRequestSchema,
  ClaimsReportSchema,
  ContentRequestSchema,
  PageNotesReportSchema,
  badgeText,
  httpOrigin,
  parseWith,
} from './index';

describe('BackgroundRequestSchema', () => {
  it.each([
    [{ type: 'claims-updated', count: 3, byCategory: { urgency: 2, fear: 1 } }, true],
    [{ type: 'claims-updated', count: 0, byCategory: {} }, true],
    [{ type: 'claims-updated', count: -1, byCategory: {} }, false],
    [{ type: 'claims-updated', count: 1.5, byCategory: {} }, false],
    [{ type: 'claims-updated', count: 1, byCategory: { nonsense: 1 } }, false],
    [{ type: 'get-pause-state', origin: 'https://example.com' }, true],
    [{ type: 'get-pause-state', origin: 'http://127.0.0.1:8080' }, true],
    [{ type: 'get-pause-state', origin: 'https://example.com/path' }, false],
    [{ type: 'get-pause-state', origin: 'chrome://extensions' }, false],
    [{ type: 'set-paused', origin: 'https://example.com', paused: true }, true],
    [{ type: 'set-paused', origin: 'https://example.com', paused: 'yes' }, false],
    [{ type: 'open-concept', conceptId: 'greenwashing' }, true],
    [{ type: 'open-concept', conceptId: '<img src=x>' }, false],
    [{ type: 'take-focus' }, false],
    [{ type: 'get-claims' }, false],
    [null, false],
    ['claims-updated', false],
    [{}, false],
  ])('%j → valid=%s', (msg, ok) => {
    expect(BackgroundRequestSchema.safeParse(msg).success).toBe(ok);
  });
});

describe('ContentRequestSchema', () => {
  it.each([
    [{ type: 'get-claims' }, true],
    [{ type: 'scroll-to-claim', id: 'c3' }, true],
    [{ type: 'scroll-to-claim', id: 'c3', openCard: true }, true],
    [{ type: 'scroll-to-claim', id: '' }, false],
    [{ type: 'scroll-to-claim' }, false],
    [{ type: 'set-paused', origin: 'https://a.b', paused: true }, false],
  ])('%j → valid=%s', (msg, ok) => {
    expect(ContentRequestSchema.safeParse(msg).success).toBe(ok);
  });
});

describe('ClaimsReportSchema', () => {
  const claim = {
    id: 'c1',
    category: 'urgency',
    lang: 'fr',
    text: 'Offre limitée',
    sentence: 'Offre limitée : plus que 2 en stock !',
    concepts: ['short-term-revenue'],
    score: 0.8,
    signals: ['exclamation'],
  };
  it('accepts an ok report and keeps markup-looking text as a plain string', () => {
    const r = parseWith(ClaimsReportSchema, {
      status: 'ok',
      origin: 'https://shop.example',
      claims: [{ ...claim, text: '<img src=x onerror=alert(1)>' }],
      pending: false, focus: null,
    });
    expect(r?.status).toBe('ok');
    expect(r && r.status === 'ok' ? r.claims[0]?.text : '').toBe('<img src=x onerror=alert(1)>');
  });
  it('accepts a paused report', () => {
    expect(parseWith(ClaimsReportSchema, { status: 'paused', origin: 'https://a.example' })).toEqual({
      status: 'paused',
      origin: 'https://a.example',
    });
  });
  it('carries the concept the card asked for', () => {
    const r = parseWith(ClaimsReportSchema, { status: 'ok', origin: 'https://a.example', claims: [], pending: false, focus: { conceptId: 'greenwashing', claimId: 'c1' } });
    expect(r && r.status === 'ok' ? r.focus : null).toEqual({ conceptId: 'greenwashing', claimId: 'c1' });
    expect(parseWith(ClaimsReportSchema, { status: 'ok', origin: 'https://a.example', claims: [], pending: false, focus: { conceptId: 'Bad Id', claimId: 'c1' } })).toBeUndefined();
  });
  it('requires the pending flag on an ok report', () => {
    expect(parseWith(ClaimsReportSchema, { status: 'ok', origin: 'https://a.example', claims: [], focus: null })).toBeUndefined();
  });
  it('rejects an unknown category or a score out of range', () => {
    expect(parseWith(ClaimsReportSchema, { status: 'ok', origin: 'https://a.example', pending: false, focus: null, claims: [{ ...claim, category: 'x' }] })).toBeUndefined();
    expect(parseWith(ClaimsReportSchema, { status: 'ok', origin: 'https://a.example', pending: false, focus: null, claims: [{ ...claim, score: 2 }] })).toBeUndefined();
  });
});

describe('httpOrigin', () => {
  it.each([
    ['https://example.com/a/b?c#d', 'https://example.com'],
    ['http://127.0.0.1:4173/x.html', 'http://127.0.0.1:4173'],
    ['https://Exemple.FR/', 'https://exemple.fr'],
    ['https://café.example/', 'https://xn--caf-dma.example'],
    ['chrome://extensions', undefined],
    ['chrome-extension://abc/popup.html', undefined],
    ['about:blank', undefined],
    ['file:///tmp/x.html', undefined],
    ['not a url', undefined],
    [undefined, undefined],
    [42, undefined],
  ])('%j → %j', (url, want) => {
    expect(httpOrigin(url)).toBe(want);
  });
});

describe('badgeText', () => {
  it.each([
    [0, ''],
    [-3, ''],
    [Number.NaN, ''],
    [1, '1'],
    [42, '42'],
    [999, '999'],
    [1000, '999+'],
  ])('%d → %j', (n, want) => {
    expect(badgeText(n)).toBe(want);
  });
});

describe('notes messages', () => {
  const selectors = {
    quote: { type: 'TextQuoteSelector', exact: 'l’offre', prefix: 'Avant : ', suffix: ' !' },
    position: { type: 'TextPositionSelector', start: 8, end: 15 },
  };
  const note = { url: 'https://exemple.fr/a', pageTitle: 'T', selectors, color: 'yellow', note: '', tags: [], origin: 'user' };
  const id = '00000000-0000-4000-8000-000000000001';
  it.each([
    [{ type: 'note-save', note }, true],
    [{ type: 'note-save', note: { ...note, origin: 'claim', category: 'fear', concepts: ['anxieties'] } }, true],
    [{ type: 'note-save', note: { ...note, url: 'chrome://settings' } }, false],
    [{ type: 'note-save', note: { ...note, color: 'red' } }, false],
    [{ type: 'note-save', note: { ...note, selectors: { ...selectors, position: { type: 'TextPositionSelector', start: 5, end: 5 } } } }, false],
    [{ type: 'note-save', note: { ...note, id } }, false],
    [{ type: 'note-update', id, patch: { note: 'x', color: 'blue', tags: ['a'] } }, true],
    [{ type: 'note-update', id, patch: { text: 'x' } }, false],
    [{ type: 'note-update', id: 'nope', patch: {} }, false],
    [{ type: 'note-delete', id }, true],
    [{ type: 'note-restore', id }, true],
    [{ type: 'note-list', url: 'https://exemple.fr/a?b#c' }, true],
    [{ type: 'note-list' }, false],
    [{ type: 'open-library' }, true],
    [{ type: 'open-library', url: 'https://evil.example' }, false],
  ])('background %j → valid=%s', (msg, ok) => {
    expect(BackgroundRequestSchema.safeParse(msg).success).toBe(ok);
  });
  it.each([
    [{ type: 'highlight-selection' }, true],
    [{ type: 'get-notes' }, true],
    [{ type: 'save-claim', id: 'c1' }, true],
    [{ type: 'save-claim' }, false],
    [{ type: 'scroll-to-note', id }, true],
    [{ type: 'scroll-to-note', id: 'x' }, false],
  ])('content %j → valid=%s', (msg, ok) => {
    expect(ContentRequestSchema.safeParse(msg).success).toBe(ok);
  });
  it('a notes report keeps page text as plain strings and refuses unknown colours', () => {
    const n = { id, text: '<img src=x>', note: '<b>x</b>', tags: ['a'], color: 'green', origin: 'user', found: false };
    expect(parseWith(PageNotesReportSchema, { ready: true, notes: [n], savedClaims: [] })?.notes[0]?.text).toBe('<img src=x>');
    expect(parseWith(PageNotesReportSchema, { ready: true, notes: [{ ...n, color: 'red' }], savedClaims: [] })).toBeUndefined();
  });
});
