// @vitest-environment happy-dom
/**
 * claims() lists claims in document order. Past 16 blocks with claims the order comes from one walk
 * over the elements (not from compareDocumentPosition in the sort): same order, table-driven over
 * layouts where blocks nest, are added later in the middle, and are scanned viewport-first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Claim } from '../engine/types';
import { createPainter, type HighlightLike } from './paint';
import { startScanner, type Scanner } from './scanner';
import { createManualFrames, createScheduler } from './scheduler';

class FakeHighlight extends Set<AbstractRange> implements HighlightLike {
  priority = 0;
  constructor(...ranges: AbstractRange[]) {
    super(ranges);
  }
}

/** Finds "claim N" tokens; the sentence is the whole text. */
function detect(text: string): Claim[] {
  return [...text.matchAll(/claim \d+/g)].map((m) => ({
    start: m.index!,
    end: m.index! + m[0].length,
    text: m[0],
    lang: 'en' as const,
    category: 'superiority' as const,
    score: 0.9,
    ruleId: 'fake',
    concepts: [],
    sentenceStart: 0,
    sentenceEnd: text.length,
    signals: [],
  }));
}

let scanner: Scanner | null = null;
afterEach(() => {
  scanner?.stop();
  scanner = null;
  document.body.innerHTML = '';
});

async function scan(): Promise<{ frames: ReturnType<typeof createManualFrames> }> {
  const frames = createManualFrames();
  const scheduler = createScheduler({ budgetMs: 8, now: frames.now, requestFrame: frames.requestFrame });
  const painter = createPainter(document, { highlightApi: { registry: new Map(), Highlight: FakeHighlight } });
  scanner = startScanner({ detect, painter, scheduler, now: frames.now, sliceChars: 300 });
  for (let i = 0; i < 500 && frames.waiting > 0; i++) frames.frame();
  return { frames };
}

/** The "claim N" numbers in the order the DOM holds them. */
function domOrder(): number[] {
  return [...(document.body.textContent ?? '').matchAll(/claim (\d+)/g)].map((m) => Number(m[1]));
}

const layouts: [string, (n: number) => string][] = [
  ['flat paragraphs', (n) => Array.from({ length: n }, (_, i) => `<p>text claim ${i} end</p>`).join('')],
  [
    'nested blocks (a div with its own text around a list)',
    (n) =>
      Array.from(
        { length: n },
        (_, i) => `<div>before claim ${i * 3} <ul><li>item claim ${i * 3 + 1}</li></ul> after claim ${i * 3 + 2}</div>`,
      ).join(''),
  ],
  [
    'tables and sections',
    (n) => Array.from({ length: n }, (_, i) => `<section><h2>claim ${i * 2}</h2><table><tr><td>cell claim ${i * 2 + 1}</td></tr></table></section>`).join(''),
  ],
];

describe('claims() in document order', () => {
  for (const count of [5, 40]) {
    it.each(layouts)(`%s, ${count} groups`, async (_, html) => {
      document.body.innerHTML = html(count);
      await scan();
      const listed = scanner!.claims().map((c) => Number(c.text.slice(6)));
      expect(listed.length).toBe(domOrder().length);
      // Text order inside a block may follow a nested block; compare block by block: each block's
      // first claim must appear in the order of the blocks in the document.
      const blocks = scanner!.claims().map((c) => c.block);
      const firsts = blocks.filter((b, i) => blocks.indexOf(b) === i);
      const sortedByDom = [...firsts].sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
      expect(firsts).toEqual(sortedByDom);
    });
  }

  it('blocks added later in the middle take their place in the list', async () => {
    document.body.innerHTML = Array.from({ length: 30 }, (_, i) => `<p id="p${i}">text claim ${i * 10} end</p>`).join('');
    const { frames } = await scan();
    const add = document.createElement('p');
    add.textContent = 'new claim 155';
    document.getElementById('p15')!.after(add);
    await Promise.resolve(); // mutation records
    for (let i = 0; i < 50 && frames.waiting > 0; i++) frames.frame();
    const listed = scanner!.claims().map((c) => Number(c.text.slice(6)));
    expect(listed).toEqual(domOrder());
    expect(listed.indexOf(155)).toBe(16);
  });

  it('blocks the page moves are listed where they now are (the cached order is dropped)', async () => {
    document.body.innerHTML = Array.from({ length: 30 }, (_, i) => `<p id="p${i}">text claim ${i} end</p>`).join('');
    const { frames } = await scan();
    expect(scanner!.claims().map((c) => Number(c.text.slice(6)))).toEqual(domOrder());
    document.body.appendChild(document.getElementById('p0')!); // first paragraph to the end, same text
    document.getElementById('p20')!.before(document.getElementById('p29')!);
    await Promise.resolve();
    for (let i = 0; i < 50 && frames.waiting > 0; i++) frames.frame();
    const listed = scanner!.claims().map((c) => Number(c.text.slice(6)));
    expect(listed).toEqual(domOrder());
    expect(listed[listed.length - 1]).toBe(0);
    expect(listed.indexOf(29)).toBe(listed.indexOf(20) - 1);
  });
});
