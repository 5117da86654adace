// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Category, Claim, DetectOptions } from '../engine/types';
import { createPainter, type HighlightLike, type Painter } from './paint';
import { BlockQueue, sliceOffsets, startScanner, type PageClaim, type Scanner, type ScannerOptions } from './scanner';
import { createManualFrames, createScheduler } from './scheduler';

// ----------------------------------------------------------------------------- fakes

const PHRASES: Array<[RegExp, Category]> = [
  [/offre limitée/gi, 'urgency'],
  [/n°\s?1/gi, 'superiority'],
  [/100\u00a0% naturel/gi, 'environmental'],
  [/best price/gi, 'superiority'],
];

/** A stand-in engine: finds fixed phrases; the sentence is the text between blank lines or ". ". */
function fakeDetect(text: string, options?: DetectOptions): Claim[] {
  const out: Claim[] = [];
  for (const [re, category] of PHRASES) {
    for (const m of text.matchAll(re)) {
      const start = m.index!;
      const end = start + m[0].length;
      const before = Math.max(text.lastIndexOf('\n\n', start), text.lastIndexOf('. ', start));
      const sentenceStart = before < 0 ? 0 : before + 2;
      const after = [text.indexOf('\n\n', end), text.indexOf('. ', end)].filter((i) => i >= 0);
      const sentenceEnd = after.length ? Math.min(...after) + (text[Math.min(...after)] === '.' ? 1 : 0) : text.length;
      const score = 0.8;
      if (score < (options?.threshold ?? 0.5)) continue;
      out.push({
        start,
        end,
        text: m[0],
        lang: 'fr',
        category,
        score,
        ruleId: `fake.${category}`,
        concepts: [],
        sentenceStart,
        sentenceEnd,
        signals: [],
      });
    }
  }
  return out;
}

class FakeHighlight extends Set<AbstractRange> implements HighlightLike {
  priority = 0;
  constructor(...ranges: AbstractRange[]) {
    super(ranges);
  }
}

interface Harness {
  scanner: Scanner;
  painter: Painter;
  calls: string[];
  emitted: PageClaim[][];
  pendings: number[];
  registry: Map<string, FakeHighlight>;
  settle: () => Promise<void>;
  frames: ReturnType<typeof createManualFrames>;
}

let current: Harness | null = null;

function start(opts: Partial<ScannerOptions> & { mode?: 'wrap' | 'highlight-api'; clock?: () => number; deferred?: boolean } = {}): Harness {
  const frames = createManualFrames();
  const scheduler = createScheduler({ budgetMs: 8, now: opts.clock ?? frames.now, requestFrame: frames.requestFrame, onError: (e) => { throw e; } });
  const registry = new Map<string, FakeHighlight>();
  const painter = createPainter(document, {
    mode: opts.mode,
    deferred: opts.deferred,
    highlightApi: opts.mode === 'wrap' ? undefined : { registry, Highlight: FakeHighlight },
  });
  const calls: string[] = [];
  const emitted: PageClaim[][] = [];
  const pendings: number[] = [];
  const detect = opts.detect ?? fakeDetect;
  const scanner = startScanner({
    root: document.body,
    painter,
    scheduler,
    onClaims: (c, info) => {
      emitted.push([...c]);
      pendings.push(info.pending);
    },
    ...opts,
    detect: (text, o) => {
      calls.push(text);
      return detect(text, o);
    },
  });
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => setTimeout(r, 0)); // let MutationObserver deliver
      if (frames.waiting === 0) return;
      while (frames.waiting) frames.frame();
    }
    throw new Error('scanner did not settle');
  };
  current = { scanner, painter, calls, emitted, pendings, registry, settle, frames };
  return current;
}

beforeEach(() => {
  document.body.innerHTML = '';
});
afterEach(() => {
  current?.scanner.stop();
  current = null;
});

const PAGE = `
  <h1>Le n°1 du bio</h1>
  <p id="p1">Une offre limitée à ne pas rater. Le reste est calme.</p>
  <p id="p2">Rien à signaler ici.</p>
  <ul><li id="li">Savon <b>100\u00a0% naturel</b> et doux</li></ul>
  <div id="ui" data-claim-lens="ui"><p>offre limitée dans notre propre interface</p></div>
  <div contenteditable><p>offre limitée en cours de saisie</p></div>
`;

// ----------------------------------------------------------------------------- tests

describe('initial scan', () => {
  it('finds, anchors and paints claims in document order, skipping own UI and editors', async () => {
    document.body.innerHTML = PAGE;
    const h = start();
    await h.settle();
    const claims = h.scanner.claims();
    expect(claims.map((c) => c.text)).toEqual(['n°1', 'offre limitée', '100\u00a0% naturel']);
    for (const c of claims) {
      expect(c.range.toString()).toBe(c.text);
      expect(h.painter.has(c.id)).toBe(true);
      expect(h.scanner.claim(c.id)).toBe(c);
    }
    expect(claims[1]!.sentence).toBe('Une offre limitée à ne pas rater.');
    expect(claims[1]!.block).toBe(document.getElementById('p1'));
    expect(claims[2]!.sentence).toBe('Savon 100\u00a0% naturel et doux');
    expect([...h.registry.keys()].sort()).toEqual(['claim-lens-environmental', 'claim-lens-superiority', 'claim-lens-urgency']);
    // small blocks go to the engine together, in one call
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0]).not.toContain('propre interface');
    expect(h.calls[0]).not.toContain('en cours de saisie');
    expect(h.emitted.at(-1)!.map((c) => c.id)).toEqual(claims.map((c) => c.id));
  });

  it('emits once even for a page without claims', async () => {
    document.body.innerHTML = '<p>Rien.</p>';
    const h = start();
    await h.settle();
    expect(h.emitted).toEqual([[]]);
  });

  it('reports claims as they are found, and once more when the scan is done', async () => {
    const neutral = Array.from({ length: 30 }, (_, i) => `<p>Bloc neutre numéro ${i}, rien à voir ici.</p>`).join('');
    document.body.innerHTML = `<p>Une offre limitée.</p>${neutral}`;
    let clock: ReturnType<typeof createManualFrames> | null = null;
    const h = start({
      sliceChars: 300,
      now: () => clock!.now(),
      detect: (text, o) => {
        clock!.advance(10); // each call spends the whole frame budget
        return fakeDetect(text, o);
      },
    });
    clock = h.frames;
    await h.settle();
    expect(h.calls.length).toBeGreaterThan(2);
    expect(h.emitted.map((c) => c.length)).toEqual([1, 1]);
    expect(h.pendings[0]).toBeGreaterThan(0);
    expect(h.pendings.at(-1)).toBe(0);
  });

  it('slices: small sliceChars gives several calls, a long block is cut at sentence ends', async () => {
    const sentence = 'Une phrase ordinaire sans rien. ';
    const long = sentence.repeat(40) + 'Ici une offre limitée. ' + sentence.repeat(40);
    document.body.innerHTML = `<p>offre limitée A</p><p>offre limitée B</p><p id="long">${long}</p>`;
    const h = start({ sliceChars: 300 });
    await h.settle();
    expect(h.calls.length).toBeGreaterThan(3);
    for (const c of h.calls) expect(c.length).toBeLessThanOrEqual(300 + 20);
    expect(h.calls.join('').length).toBeGreaterThanOrEqual(long.length);
    const claims = h.scanner.claims();
    expect(claims.map((c) => c.text)).toEqual(['offre limitée', 'offre limitée', 'offre limitée']);
    const inLong = claims[2]!;
    expect(inLong.block).toBe(document.getElementById('long'));
    expect(long.slice(inLong.start, inLong.end)).toBe('offre limitée');
    expect(inLong.range.toString()).toBe('offre limitée');
  });

  it('visits blocks in the viewport first', async () => {
    document.body.innerHTML = '<p id="a">Premier bloc offre limitée</p><p id="b">Second bloc</p><p id="c">Bloc visible n°1</p>';
    const c = document.getElementById('c')!;
    c.getBoundingClientRect = () => ({ x: 0, y: 10, width: 500, height: 20, top: 10, left: 0, right: 500, bottom: 30, toJSON() {} }) as DOMRect;
    const h = start();
    await h.settle();
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0]!.startsWith('Bloc visible n°1\n\n')).toBe(true);
    // the list is still in document order
    expect(h.scanner.claims().map((x) => x.text)).toEqual(['offre limitée', 'n°1']);
  });

  it('the full-scan walk is cut into timed steps and survives the page removing nodes meanwhile', async () => {
    document.body.innerHTML = Array.from({ length: 1000 }, (_, i) => `<div><p>Bloc ${i} <b>offre limitée</b></p></div>`).join('');
    let tick = 0;
    const clock = (): number => ++tick; // every reading of the clock costs 1 ms
    const h = start({ clock, now: clock, sliceMs: 3 });
    h.frames.frame();
    expect(h.calls).toHaveLength(0); // the walk did not finish in the first frame
    const divs = document.querySelectorAll('body > div');
    for (let i = 100; i < divs.length; i++) divs[i]!.remove();
    await h.settle();
    expect(h.scanner.stats.fullScans).toBe(1);
    expect(h.scanner.claims()).toHaveLength(100);
    expect(h.scanner.claims().every((c) => c.range.toString() === 'offre limitée')).toBe(true);
  });

  it('finds the visible blocks of a long page with few box reads', async () => {
    document.body.innerHTML = Array.from({ length: 400 }, (_, i) => `<p>Bloc ${i}.</p>`).join('');
    let reads = 0;
    document.querySelectorAll('p').forEach((p, i) => {
      // stacked 30 px apart, the page scrolled by 6,000 px: blocks 200 to 225 are on screen (768 px)
      const top = i * 30 - 6000;
      p.getBoundingClientRect = () => {
        reads += 1;
        return { x: 0, y: top, width: 500, height: 30, top, left: 0, right: 500, bottom: top + 30, toJSON() {} } as DOMRect;
      };
    });
    const h = start();
    await h.settle();
    expect(h.calls[0]!.startsWith('Bloc 200.\n\nBloc 201.')).toBe(true);
    expect(h.calls[0]!.indexOf('Bloc 225.')).toBeLessThan(h.calls[0]!.indexOf('Bloc 0.'));
    expect(reads).toBeLessThan(100);
  });

  it('drops a claim that would span two blocks of a batch', async () => {
    document.body.innerHTML = '<p>fin du premier</p><p>début du second</p>';
    const h = start({
      detect: (text) => {
        const start = text.indexOf('premier');
        const end = text.indexOf('début') + 5;
        return [{ ...fakeDetect('offre limitée')[0]!, start, end, text: text.slice(start, end), sentenceStart: 0, sentenceEnd: text.length }];
      },
    });
    await h.settle();
    expect(h.scanner.claims()).toEqual([]);
  });

  it('a throwing or junk-returning detect never breaks the scanner', async () => {
    document.body.innerHTML = '<p>offre limitée</p><p>autre</p>';
    const onError = vi.fn();
    const h = start({
      onError,
      sliceChars: 256,
      detect: (text) => {
        if (text.includes('autre')) throw new Error('engine bug');
        return null as unknown as Claim[];
      },
    });
    await h.settle();
    expect(onError).toHaveBeenCalled();
    expect(h.scanner.claims()).toEqual([]);
  });
});

describe('adaptive slices', () => {
  it('slices shrink to the engine speed measured on the injected clock; long blocks go one piece per task', async () => {
    const sentence = 'Une phrase ordinaire sans rien du tout. ';
    const small = Array.from({ length: 60 }, (_, i) => `<p>Bloc ${i} : ${sentence}</p>`).join('');
    const long = sentence.repeat(100) + 'Une offre limitée. ' + sentence.repeat(20);
    document.body.innerHTML = small + `<p id="long">${long}</p>`;
    let clock: ReturnType<typeof createManualFrames> | null = null;
    const h = start({
      sliceMs: 6,
      sliceChars: 2000,
      now: () => clock!.now(),
      // an engine that costs 0.01 ms per character on the fake clock: 6 ms is 600 characters
      detect: (text, o) => {
        clock!.advance(text.length * 0.01);
        return fakeDetect(text, o);
      },
    });
    clock = h.frames;
    await h.settle();
    expect(h.scanner.stats.sliceChars).toBeGreaterThanOrEqual(595); // 6 ms / 0.01 ms, give or take float rounding
    expect(h.scanner.stats.sliceChars).toBeLessThanOrEqual(600);
    // before two calls are timed (the first is a warm-up) slices are cautious: about 1,000 characters
    expect(h.calls[0]!.length).toBeLessThanOrEqual(1000 + 60);
    expect(h.calls[0]!.length).toBeGreaterThan(600 + 60);
    for (const c of h.calls.slice(2)) expect(c.length).toBeLessThanOrEqual(600 + 60);
    const longCalls = h.calls.filter((c) => c.startsWith('Une phrase') || c.includes('offre limitée'));
    expect(longCalls.length).toBeGreaterThanOrEqual(Math.floor(long.length / 600));
    expect(h.scanner.claims().map((c) => [c.text, (c.block as Element).id])).toEqual([['offre limitée', 'long']]);
    expect(h.scanner.claims()[0]!.range.toString()).toBe('offre limitée');
  });
});

describe('adaptive slices after a slow call', () => {
  it('one slow call shrinks the next slice at once; fast calls let it grow back', async () => {
    const small = Array.from({ length: 1500 }, (_, i) => `<p>Bloc ${i} : une phrase ordinaire.</p>`).join('');
    document.body.innerHTML = small;
    let clock: ReturnType<typeof createManualFrames> | null = null;
    let call = 0;
    const h = start({
      sliceMs: 6,
      sliceChars: 3000,
      now: () => clock!.now(),
      // 0.001 ms per character (6 ms is 6,000 characters: slices stay at the 3,000 cap), except
      // the fourth call which costs 0.02 ms per character (6 ms is 300 characters)
      detect: (text, o) => {
        call += 1;
        clock!.advance(text.length * (call === 4 ? 0.02 : 0.001));
        return fakeDetect(text, o);
      },
    });
    clock = h.frames;
    await h.settle();
    const lengths = h.calls.map((c) => c.length);
    expect(lengths[2]).toBeGreaterThan(2500);
    expect(lengths[3]).toBeGreaterThan(2500); // the slow one
    expect(lengths[4]).toBeLessThanOrEqual(300 + 60); // shrunk right away
    expect(Math.max(...lengths.slice(5, 9))).toBeLessThan(2500); // grows back over several calls
    expect(Math.max(...lengths.slice(12))).toBeGreaterThan(2500);
  });
});

describe('painting commits with a deferred painter', () => {
  /** Ranges in the fake registry (what the page shows). */
  const shown = (h: Harness): number => [...h.registry.values()].reduce((n, hl) => n + hl.size, 0);
  /** Counts flush() calls that had something to apply. */
  const countCommits = (h: Harness): (() => number) => {
    let commits = 0;
    const flush = h.painter.flush.bind(h.painter);
    h.painter.flush = () => {
      if (h.painter.pending > 0) commits += 1;
      flush();
    };
    return () => commits;
  };
  const slowEngine = (msPerCall: number) => {
    const clock = createManualFrames();
    return {
      clock,
      opts: {
        deferred: true,
        sliceChars: 300,
        now: clock.now,
        clock: clock.now,
        detect: (text: string, o?: DetectOptions) => {
          clock.advance(msPerCall); // each call spends the frame budget: one batch per frame
          return fakeDetect(text, o);
        },
      },
    };
  };

  it('background blocks are committed at the end of the scan, not as they are found', async () => {
    document.body.innerHTML = Array.from({ length: 200 }, (_, i) => `<p>Bloc ${i}, offre limitée.</p>`).join('');
    const { opts } = slowEngine(10);
    const h = start(opts);
    const commits = countCommits(h);
    let frames = 0;
    let shownMidway = -1;
    while (h.frames.waiting > 0 && frames < 500) {
      h.frames.frame();
      frames += 1;
      if (frames === 3) shownMidway = shown(h);
    }
    expect(frames).toBeGreaterThan(15);
    expect(h.scanner.claims()).toHaveLength(200);
    expect(shownMidway).toBe(0); // found and listed, not yet committed
    expect(shown(h)).toBe(200);
    expect(commits()).toBe(1); // the scan took less than FLUSH_INTERVAL_MS
  });

  it('blocks in the viewport are committed in the frame that scanned them', async () => {
    document.body.innerHTML =
      Array.from({ length: 100 }, (_, i) => `<p>Bloc ${i}, offre limitée.</p>`).join('') + '<p id="seen">Bloc visible n°1</p>';
    const seen = document.getElementById('seen')!;
    seen.getBoundingClientRect = () => ({ x: 0, y: 10, width: 500, height: 20, top: 10, left: 0, right: 500, bottom: 30, toJSON() {} }) as DOMRect;
    const { opts } = slowEngine(10);
    const h = start(opts);
    h.frames.frame();
    const visible = h.scanner.claims().find((c) => c.block === seen);
    expect(visible).toBeDefined();
    expect(h.registry.get('claim-lens-superiority')?.has(visible!.range)).toBe(true);
    expect(h.frames.waiting).toBeGreaterThan(0); // the rest of the page is still to scan
    await h.settle();
    expect(shown(h)).toBe(101);
  });

  it('viewport blocks scanned over several frames are committed together, once none waits', async () => {
    const filler = ' Un texte assez long pour remplir une tranche de détection à lui seul, sans rien de plus.'.repeat(3);
    const onScreen = Array.from({ length: 5 }, (_, i) => `<p class="seen">Écran ${i}, offre limitée.${filler}</p>`).join('');
    document.body.innerHTML = onScreen + Array.from({ length: 60 }, (_, i) => `<p>Bloc ${i}, offre limitée.</p>`).join('');
    [...document.querySelectorAll<HTMLElement>('.seen')].forEach((el, i) => {
      const top = 10 + i * 30;
      el.getBoundingClientRect = () => ({ x: 0, y: top, width: 500, height: 20, top, left: 0, right: 500, bottom: top + 20, toJSON() {} }) as DOMRect;
    });
    const { opts } = slowEngine(10);
    const h = start(opts);
    const commits = countCommits(h);
    const onScreenClaims = () => h.scanner.claims().filter((c) => (c.block as HTMLElement).classList?.contains('seen'));
    let frames = 0;
    let partial = false;
    while (onScreenClaims().length < 5 && frames < 50) {
      h.frames.frame();
      frames += 1;
      const found = onScreenClaims().length;
      if (found > 0 && found < 5) {
        partial = true;
        expect(shown(h)).toBe(0); // found, held until the whole viewport is done
      }
    }
    expect(partial).toBe(true); // the viewport did take several frames
    expect(commits()).toBe(1);
    for (const c of onScreenClaims()) expect(h.registry.get(`claim-lens-${c.category}`)?.has(c.range)).toBe(true);
    expect(h.frames.waiting).toBeGreaterThan(0); // the rest of the page is still to scan
    await h.settle();
    expect(shown(h)).toBe(65);
  });

  it('a viewport that takes longer than URGENT_COMMIT_MS shows what is done by then', async () => {
    const filler = ' Un texte assez long pour remplir une tranche de détection à lui seul, sans rien de plus.'.repeat(3);
    document.body.innerHTML = Array.from({ length: 40 }, (_, i) => `<p class="seen">Écran ${i}, offre limitée.${filler}</p>`).join('');
    [...document.querySelectorAll<HTMLElement>('.seen')].forEach((el, i) => {
      const top = 10 + i * 20;
      el.getBoundingClientRect = () => ({ x: 0, y: top, width: 500, height: 20, top, left: 0, right: 500, bottom: top + 20, toJSON() {} }) as DOMRect;
    });
    const { clock, opts } = slowEngine(60);
    const h = start(opts);
    let firstShownAt = -1;
    for (let i = 0; i < 200 && h.frames.waiting > 0 && firstShownAt < 0; i++) {
      h.frames.frame();
      if (shown(h) > 0) firstShownAt = clock.now();
    }
    expect(firstShownAt).toBeGreaterThan(0);
    expect(firstShownAt).toBeLessThanOrEqual(250 + 2 * 60);
    expect(shown(h)).toBeLessThan(40); // committed before the viewport was done
    await h.settle();
    expect(shown(h)).toBe(40);
  });

  it('a changed block is committed at once, even alone', async () => {
    document.body.innerHTML = '<p>Rien.</p>';
    const h = start({ deferred: true });
    await h.settle();
    const commits = countCommits(h);
    const p = document.createElement('p');
    p.textContent = 'Nouvelle offre limitée';
    document.body.appendChild(p);
    await h.settle();
    expect(commits()).toBe(1);
    expect(shown(h)).toBe(1);
    p.remove();
    await h.settle();
    expect(shown(h)).toBe(0);
    expect(h.registry.size).toBe(0);
  });

  it('a scroll during the scan commits what was found so far at the end of the frame', async () => {
    document.body.innerHTML = Array.from({ length: 200 }, (_, i) => `<p>Bloc ${i}, offre limitée.</p>`).join('');
    const { opts } = slowEngine(10);
    const h = start(opts);
    h.frames.frame();
    h.frames.frame();
    expect(shown(h)).toBe(0);
    expect(h.scanner.claims().length).toBeGreaterThan(0);
    window.dispatchEvent(new Event('scroll'));
    h.frames.frame();
    expect(shown(h)).toBe(h.scanner.claims().length);
    expect(h.frames.waiting).toBeGreaterThan(0); // still scanning
  });

  it('a few claims found early in a long background scan show within the commit interval', async () => {
    const neutral = Array.from({ length: 300 }, (_, i) => `<p>Bloc neutre numéro ${i}, rien.</p>`).join('');
    document.body.innerHTML = `<p>Une offre limitée.</p>${neutral}`;
    const { clock, opts } = slowEngine(100);
    const h = start(opts);
    let shownAt = -1;
    for (let i = 0; i < 500 && h.frames.waiting > 0; i++) {
      h.frames.frame();
      if (shownAt < 0 && shown(h) > 0) shownAt = clock.now();
    }
    expect(clock.now()).toBeGreaterThan(2500); // the scan took longer than the commit interval
    expect(shownAt).toBeGreaterThan(0);
    expect(shownAt).toBeLessThan(2500);
  });

  it('setActive and stop() apply at once', async () => {
    document.body.innerHTML = Array.from({ length: 5 }, (_, i) => `<p>Bloc ${i}, offre limitée.</p>`).join('');
    const h = start({ deferred: true });
    await h.settle();
    const id = h.scanner.claims()[2]!.id;
    h.scanner.setActive(id);
    expect(h.registry.get('claim-lens-active')?.size).toBe(1);
    h.scanner.setActive(null);
    expect(h.registry.has('claim-lens-active')).toBe(false);
    h.scanner.stop();
    expect(h.registry.size).toBe(0);
  });
});

describe('incremental rescans', () => {
  it('only the changed block goes back to the engine', async () => {
    document.body.innerHTML = PAGE;
    const h = start();
    await h.settle();
    const before = h.calls.length;
    const p2 = document.getElementById('p2')!;
    p2.firstChild!.textContent = 'Maintenant une offre limitée ici.';
    await h.settle();
    expect(h.calls.slice(before)).toEqual(['Maintenant une offre limitée ici.']);
    expect(h.scanner.claims().map((c) => c.text)).toEqual(['n°1', 'offre limitée', 'offre limitée', '100\u00a0% naturel']);
    const added = h.scanner.claims()[2]!;
    expect(added.block).toBe(p2);
    expect(h.emitted.at(-1)!.some((c) => c.id === added.id)).toBe(true);
  });

  it('several changes in one frame are one batch; unchanged siblings are not re-detected', async () => {
    document.body.innerHTML = PAGE;
    const h = start();
    await h.settle();
    const before = h.calls.length;
    document.getElementById('p2')!.append(' Le n°1.');
    document.querySelector('#li b')!.textContent = 'bio';
    await h.settle();
    expect(h.calls.length - before).toBe(1);
    const sent = h.calls.at(-1)!;
    expect(sent).toContain('Rien à signaler ici. Le n°1.');
    expect(sent).toContain('Savon bio et doux');
    expect(sent).not.toContain('offre limitée');
    expect(h.scanner.claims().map((c) => c.text)).toEqual(['n°1', 'offre limitée', 'n°1']);
  });

  it('re-rendered identical text re-anchors claims without calling the engine', async () => {
    document.body.innerHTML = PAGE;
    const h = start();
    await h.settle();
    const p1 = document.getElementById('p1')!;
    const id = h.scanner.claims()[1]!.id;
    const before = h.calls.length;
    p1.replaceChildren(document.createTextNode(p1.textContent!)); // a framework re-render
    await h.settle();
    expect(h.calls.length).toBe(before);
    const again = h.scanner.claim(id)!;
    expect(again.range.startContainer).toBe(p1.firstChild);
    expect(again.range.toString()).toBe('offre limitée');
    expect(h.registry.get('claim-lens-urgency')!.has(again.range)).toBe(true);
  });

  it('a mutation that leaves text and nodes alone repaints nothing; style text is ignored', async () => {
    document.body.innerHTML = PAGE;
    const p1 = document.getElementById('p1')!;
    p1.append(document.createElement('span'));
    const h = start();
    await h.settle();
    const claim = h.scanner.claims()[1]!;
    const range = claim.range;
    const before = h.calls.length;
    p1.querySelector('span')!.setAttribute('hidden', ''); // block dirty, same text, same nodes
    const style = document.createElement('style');
    style.textContent = '.a { color: red }';
    document.getElementById('p2')!.append(style);
    await h.settle();
    style.textContent = '.a { color: blue }'; // CSS-in-JS style churn
    await h.settle();
    expect(h.calls.length).toBe(before);
    expect(h.scanner.claim(claim.id)!.range).toBe(range);
    expect(h.registry.get('claim-lens-urgency')!.has(range)).toBe(true);
    expect(h.scanner.stats.blocksUnchanged).toBeGreaterThan(0);
  });

  it('removed text drops its claims and highlights', async () => {
    document.body.innerHTML = PAGE;
    const h = start();
    await h.settle();
    const gone = h.scanner.claims().find((c) => c.text === 'offre limitée')!;
    const emits = h.emitted.length;
    document.getElementById('p1')!.remove();
    await h.settle();
    expect(h.scanner.claims().map((c) => c.text)).toEqual(['n°1', '100\u00a0% naturel']);
    expect(h.scanner.claim(gone.id)).toBeUndefined();
    expect(h.painter.has(gone.id)).toBe(false);
    expect(h.registry.has('claim-lens-urgency')).toBe(false);
    expect(h.emitted.length).toBe(emits + 1);
    expect(h.emitted.at(-1)!.map((c) => c.text)).toEqual(['n°1', '100\u00a0% naturel']);
    // deleting text inside a block drops the claim too
    document.querySelector('#li b')!.remove();
    await h.settle();
    expect(h.scanner.claims().map((c) => c.text)).toEqual(['n°1']);
  });

  it('hiding a block (hidden attribute, inline display:none) drops its claims; showing restores them', async () => {
    document.body.innerHTML = PAGE;
    const h = start();
    await h.settle();
    document.getElementById('p1')!.hidden = true;
    await h.settle();
    expect(h.scanner.claims().map((c) => c.text)).toEqual(['n°1', '100\u00a0% naturel']);
    document.getElementById('p1')!.hidden = false;
    await h.settle();
    expect(h.scanner.claims().map((c) => c.text)).toEqual(['n°1', 'offre limitée', '100\u00a0% naturel']);
    const ul = document.querySelector('ul')!;
    ul.setAttribute('style', 'color: red; display: none');
    await h.settle();
    expect(h.scanner.claims().map((c) => c.text)).toEqual(['n°1', 'offre limitée']);
    // a style change that does not hide is ignored
    const before = h.calls.length;
    document.getElementById('p1')!.setAttribute('style', 'color: blue');
    await h.settle();
    expect(h.calls.length).toBe(before);
  });

  it('new content added later is scanned, nested blocks included', async () => {
    document.body.innerHTML = '<main id="m"></main>';
    const h = start();
    await h.settle();
    document.getElementById('m')!.innerHTML = '<section><h2>Nouveau</h2><div>Texte libre offre limitée<p>Le n°1</p></div></section>';
    await h.settle();
    expect(h.scanner.claims().map((c) => c.text)).toEqual(['offre limitée', 'n°1']);
  });

  it('ignores mutations inside its own UI', async () => {
    document.body.innerHTML = PAGE;
    const h = start();
    await h.settle();
    const before = h.calls.length;
    const host = document.createElement('div');
    host.setAttribute('data-claim-lens', 'card');
    host.textContent = 'offre limitée dans la carte';
    document.body.append(host);
    document.querySelector('#ui p')!.textContent = 'n°1 dans notre UI';
    await h.settle();
    expect(h.calls.length).toBe(before);
    expect(h.scanner.claims()).toHaveLength(3);
  });

  it('a huge burst falls back to one full rescan', async () => {
    document.body.innerHTML = '<div id="list"></div>';
    const h = start({ hugeBurst: 5 });
    await h.settle();
    expect(h.scanner.stats.fullScans).toBe(1);
    const list = document.getElementById('list')!;
    for (let i = 0; i < 20; i++) {
      const p = document.createElement('p');
      p.textContent = `Item ${i} offre limitée`;
      list.append(p);
    }
    await h.settle();
    expect(h.scanner.stats.fullScans).toBe(2);
    expect(h.scanner.claims()).toHaveLength(20);
    // a small change afterwards is incremental again
    list.firstElementChild!.textContent = 'plus rien';
    await h.settle();
    expect(h.scanner.stats.fullScans).toBe(2);
    expect(h.scanner.claims()).toHaveLength(19);
  });

  it('SPA navigation events trigger a full rescan that skips unchanged blocks', async () => {
    document.body.innerHTML = PAGE;
    const h = start();
    await h.settle();
    const before = h.calls.length;
    window.dispatchEvent(new Event('claim-lens:navigate'));
    await h.settle();
    window.dispatchEvent(new Event('popstate'));
    await h.settle();
    window.dispatchEvent(new Event('hashchange'));
    await h.settle();
    expect(h.scanner.stats.fullScans).toBe(4);
    expect(h.calls.length).toBe(before);
    h.scanner.rescan({ force: true });
    await h.settle();
    expect(h.calls.length).toBe(before + 1);
    expect(h.scanner.claims()).toHaveLength(3);
  });

  it('configure() passes the new threshold to the engine and rescans', async () => {
    document.body.innerHTML = PAGE;
    const seen: Array<number | undefined> = [];
    const h = start({ threshold: 0.5, detect: (t, o) => (seen.push(o?.threshold), fakeDetect(t, o)) });
    await h.settle();
    expect(h.scanner.claims()).toHaveLength(3);
    h.scanner.configure({ threshold: 0.9 });
    await h.settle();
    expect(seen.at(-1)).toBe(0.9);
    expect(h.scanner.claims()).toHaveLength(0);
  });
});

describe('queries', () => {
  it('claimsInRange, claimAt, scrollTo and the active highlight', async () => {
    document.body.innerHTML = PAGE;
    const h = start();
    await h.settle();
    const [n1, offre] = h.scanner.claims();
    const p1 = document.getElementById('p1')!;
    const t = p1.firstChild!;
    // a selection over "offre"
    const sel = document.createRange();
    sel.setStart(t, 4);
    sel.setEnd(t, 9);
    expect(h.scanner.claimsInRange(sel).map((c) => c.id)).toEqual([offre!.id]);
    // a selection touching the claim's end only: no overlap
    sel.setStart(t, offre!.range.endOffset);
    sel.setEnd(t, offre!.range.endOffset + 3);
    expect(h.scanner.claimsInRange(sel)).toEqual([]);
    // whole body
    sel.selectNodeContents(document.body);
    expect(h.scanner.claimsInRange(sel)).toHaveLength(3);

    const d = document as unknown as Record<string, unknown>;
    d.caretPositionFromPoint = () => ({ offsetNode: t, offset: 6 });
    try {
      expect(h.scanner.claimAt(10, 10)?.id).toBe(offre!.id);
    } finally {
      delete d.caretPositionFromPoint;
    }

    const scroll = vi.fn();
    (p1 as unknown as { scrollIntoView: unknown }).scrollIntoView = scroll;
    expect(h.scanner.scrollTo(offre!.id)).toBe(true);
    expect(scroll).toHaveBeenCalledWith(expect.objectContaining({ block: 'center' }));
    expect([...h.registry.get('claim-lens-active')!]).toEqual([offre!.range]);
    expect(h.scanner.scrollTo('nope')).toBe(false);
    h.scanner.setActive(n1!.id);
    expect([...h.registry.get('claim-lens-active')!]).toEqual([n1!.range]);
    // the active claim disappears: so does the active highlight
    document.querySelector('h1')!.remove();
    await h.settle();
    expect(h.registry.has('claim-lens-active')).toBe(false);
  });

  it('stop() unpaints everything and stops listening', async () => {
    document.body.innerHTML = PAGE;
    const h = start();
    await h.settle();
    h.scanner.stop();
    expect(h.registry.size).toBe(0);
    expect(h.scanner.claims()).toEqual([]);
    const before = h.calls.length;
    document.getElementById('p2')!.textContent = 'offre limitée';
    window.dispatchEvent(new Event('claim-lens:navigate'));
    await h.settle();
    expect(h.calls.length).toBe(before);
  });
});

describe('wrap-painting mode', () => {
  it('paints with marks, keeps page text, and does not loop on its own mutations', async () => {
    document.body.innerHTML = PAGE;
    const text = document.body.textContent;
    const h = start({ mode: 'wrap' });
    await h.settle();
    expect(h.painter.mode).toBe('wrap');
    expect(document.querySelectorAll('mark[data-claim-lens="mark"]')).toHaveLength(3);
    expect(document.body.textContent).toBe(text);
    const calls = h.calls.length;
    expect(calls).toBe(1);
    for (const c of h.scanner.claims()) expect(c.range.toString()).toBe(c.text);

    // change a painted block: only it is re-detected, once
    const p1 = document.getElementById('p1')!;
    p1.append(' Et le n°1.');
    await h.settle();
    expect(h.calls.length).toBe(calls + 1);
    expect(h.calls.at(-1)).toBe('Une offre limitée à ne pas rater. Le reste est calme. Et le n°1.');
    expect(p1.querySelectorAll('mark')).toHaveLength(2);
    for (const c of h.scanner.claims()) expect(c.range.toString()).toBe(c.text);
    await h.settle();
    expect(h.calls.length).toBe(calls + 1);

    h.scanner.stop();
    expect(document.querySelectorAll('mark')).toHaveLength(0);
    expect(document.body.textContent).toBe(text!.replace('calme.', 'calme. Et le n°1.'));
    // the page's two text nodes are back, the fragments we split off merged into them
    expect(Array.from(p1.childNodes).map((n) => n.textContent)).toEqual([
      'Une offre limitée à ne pas rater. Le reste est calme.',
      ' Et le n°1.',
    ]);
  });
});

describe('sliceOffsets', () => {
  it.each([
    ['short', 'abc', 100, [0]],
    ['line ends first', 'a'.repeat(30) + '\n' + 'b'.repeat(30), 40, [0, 31]],
    ['sentence ends', 'Un deux trois. Quatre cinq six. Sept huit neuf dix onze douze.', 40, [0, 32]],
  ] as const)('%s', (_, text, max, expected) => {
    expect(sliceOffsets(text, max)).toEqual(expected);
  });

  it('pieces never exceed the limit and cover the text', () => {
    const text = ('mot '.repeat(13) + 'Fin. ').repeat(200) + 'x'.repeat(500);
    const starts = sliceOffsets(text, 100);
    for (let i = 0; i < starts.length; i++) {
      const end = starts[i + 1] ?? text.length;
      expect(end - starts[i]!).toBeLessThanOrEqual(100);
      expect(end).toBeGreaterThan(starts[i]!);
    }
  });

  it('does not split a surrogate pair', () => {
    const text = 'a'.repeat(99) + '😀' + 'b'.repeat(50);
    const starts = sliceOffsets(text, 100);
    expect(starts[1]).toBe(99);
  });
});

describe('BlockQueue', () => {
  const nodes = Array.from({ length: 6 }, (_, i) => document.createTextNode(String(i)));
  const names = (q: BlockQueue): string[] => [...q].map((n) => (n as Text).data);
  const drain = (q: BlockQueue): string[] => {
    const out: string[] = [];
    for (let n = q.shift(); n; n = q.shift()) out.push((n as Text).data);
    return out;
  };
  type Op = ['add' | 'delete', number];
  const cases: Array<[string, Op[], string[]]> = [
    ['first in, first out', [['add', 0], ['add', 1], ['add', 2]], ['0', '1', '2']],
    ['adding twice keeps the first place', [['add', 0], ['add', 1], ['add', 0]], ['0', '1']],
    ['a deleted node is skipped', [['add', 0], ['add', 1], ['add', 2], ['delete', 1]], ['0', '2']],
    ['deleted then added again: listed once', [['add', 0], ['add', 1], ['delete', 0], ['add', 0]], ['0', '1']],
    ['deleting what is not queued is harmless', [['delete', 3], ['add', 4]], ['4']],
  ];
  it.each(cases)('%s', (_, ops, want) => {
    const q = new BlockQueue();
    for (const [op, i] of ops) q[op](nodes[i]!);
    expect(q.size).toBe(want.length);
    expect(names(q)).toEqual(want);
    expect(drain(q)).toEqual(want);
    expect(q.size).toBe(0);
    expect(q.shift()).toBeUndefined();
  });

  it('stays correct over many shifts, deletes and adds (compaction)', () => {
    const many = Array.from({ length: 5000 }, (_, i) => document.createTextNode(String(i)));
    const q = new BlockQueue();
    for (const n of many) q.add(n);
    for (let i = 1; i < 5000; i += 2) q.delete(many[i]!);
    const got: Node[] = [];
    for (let i = 0; i < 1500; i++) got.push(q.shift()!);
    for (let i = 1; i < 100; i += 2) q.add(many[i]!); // back at the end
    for (let n = q.shift(); n; n = q.shift()) got.push(n);
    const want = [...many.filter((_, i) => i % 2 === 0), ...many.filter((_, i) => i % 2 === 1 && i < 100)];
    expect(got).toEqual(want);
    expect(q.has(many[0]!)).toBe(false);
  });
});

describe('paint window (pages with thousands of claims)', () => {
  /** `n` paragraphs 100 px tall, one claim each; `scroll.y` moves them up as a scroll would. */
  function longPage(n: number): { scroll: { y: number } } {
    const scroll = { y: 0 };
    document.body.innerHTML = Array.from({ length: n }, (_, i) => `<p data-i="${i}">Paragraphe ${i} : une offre limitée.</p>`).join('');
    for (const p of document.querySelectorAll<HTMLElement>('p[data-i]')) {
      const i = Number(p.dataset.i);
      p.getBoundingClientRect = () => {
        const top = i * 100 - scroll.y;
        return { x: 0, y: top, width: 500, height: 100, top, left: 0, right: 500, bottom: top + 100, toJSON() {} } as DOMRect;
      };
    }
    return { scroll };
  }
  /** Paragraph numbers whose claim ranges are registered, sorted. */
  const registered = (h: Harness): number[] =>
    [...h.registry.values()]
      .flatMap((hl) => [...hl])
      .map((r) => Number((r.startContainer.parentElement as HTMLElement).dataset.i))
      .sort((a, b) => a - b);
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

  it('registers only the claims around the viewport once there are more than the limit, and knows all of them', async () => {
    longPage(60);
    const h = start({ deferred: true, paintWindow: { all: 20, window: 10, slack: 3 } });
    await h.settle();
    expect(h.scanner.claims()).toHaveLength(60);
    expect(h.scanner.shownCount()).toBe(10);
    expect(registered(h)).toEqual(range(0, 10));
    // Clicks and the popup still reach a claim that is not registered.
    const far = h.scanner.claims()[50]!;
    expect(h.scanner.claim(far.id)?.text).toBe('offre limitée');
  });

  it('moves the window when the user scrolls far enough, and not for a small scroll', async () => {
    const { scroll } = longPage(60);
    const h = start({ deferred: true, paintWindow: { all: 20, window: 10, slack: 3 } });
    await h.settle();
    scroll.y = 200; // two paragraphs: within the slack
    window.dispatchEvent(new Event('scroll'));
    await h.settle();
    expect(registered(h)).toEqual(range(0, 10));
    scroll.y = 3000; // paragraph 30 at the top: a third of the window above it
    window.dispatchEvent(new Event('scroll'));
    await h.settle();
    expect(registered(h)).toEqual(range(27, 37));
    scroll.y = 5900; // the end: the window ends with the last claim
    window.dispatchEvent(new Event('scroll'));
    await h.settle();
    expect(registered(h)).toEqual(range(50, 60));
  });

  it('registers everything again when the page drops back under the limit', async () => {
    longPage(60);
    const h = start({ deferred: true, paintWindow: { all: 20, window: 10, slack: 3 } });
    await h.settle();
    for (const p of [...document.querySelectorAll('p[data-i]')].slice(15)) p.remove();
    await h.settle();
    expect(h.scanner.claims()).toHaveLength(15);
    expect(h.scanner.shownCount()).toBe(15);
    expect(registered(h)).toEqual(range(0, 15));
  });

  it('keeps a changed claim inside the window registered, and paints nothing twice', async () => {
    longPage(60);
    const h = start({ deferred: true, paintWindow: { all: 20, window: 10, slack: 3 } });
    await h.settle();
    const p = document.querySelector<HTMLElement>('p[data-i="4"]')!;
    p.firstChild!.textContent = 'Paragraphe 4 modifié : une offre limitée.';
    await h.settle();
    expect(registered(h)).toEqual(range(0, 10));
    expect(h.scanner.shownCount()).toBe(10);
  });

  it('stays off on ordinary pages: every claim registered', async () => {
    longPage(15);
    const h = start({ deferred: true });
    await h.settle();
    expect(registered(h)).toEqual(range(0, 15));
    expect(h.scanner.shownCount()).toBe(15);
  });
});
