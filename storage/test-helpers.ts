/**
 * Test helpers for storage/*.test.ts (not shipped: nothing outside tests imports this file).
 * Each fresh database gets its own fake IndexedDB factory and name, so tests never share state.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { ClaimLensDB } from './db';
import type { Highlight } from './schema';

let counter = 0;

export function fakeIdb() {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

export function freshDb(): ClaimLensDB {
  counter += 1;
  return new ClaimLensDB(`claim-lens-test-${counter}`, fakeIdb());
}

/** A deterministic UUID v4-shaped id for row number n. */
export function testId(n: number): string {
  const h = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${h}`;
}

/** A valid stored row; `overrides` win. */
export function makeRow(n: number, overrides: Partial<Highlight> = {}): Highlight {
  const text = overrides.text ?? `quote number ${n}`;
  const start = n * 10;
  return {
    id: testId(n),
    url: `https://example.com/page-${n % 7}`,
    pageTitle: `Page ${n % 7}`,
    selectors: {
      quote: { type: 'TextQuoteSelector', exact: text, prefix: 'before ', suffix: ' after' },
      position: { type: 'TextPositionSelector', start, end: start + text.length },
    },
    text,
    color: 'yellow',
    note: '',
    tags: [],
    concepts: [],
    origin: 'user',
    createdAt: 1_700_000_000_000 + n * 1000,
    updatedAt: 1_700_000_000_000 + n * 1000,
    ...overrides,
  };
}

/** Input for saveHighlight: what dom/ sends for a selection. */
export function makeInput(exact: string, url = 'https://example.com/article', start = 0) {
  return {
    url,
    pageTitle: 'Un article',
    selectors: {
      quote: { type: 'TextQuoteSelector' as const, exact, prefix: 'avant ', suffix: ' après' },
      position: { type: 'TextPositionSelector' as const, start, end: start + exact.length },
    },
  };
}
