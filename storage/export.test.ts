import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, NON_WEB_URL_PREFIX, annotationSource, csvCell, escapeMarkdownInline, exportFileInfo, exportHighlights, markdownUrl, toAnnotation, tryExport } from './export';
import { HighlightSchema, type Highlight } from './schema';
import { makeRow, testId } from './test-helpers';
import { parseCsv } from '../tests/support/csv';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);

function sel(text: string, start: number): Highlight['selectors'] {
  return {
    quote: { type: 'TextQuoteSelector', exact: text, prefix: 'p', suffix: 's' },
    position: { type: 'TextPositionSelector', start, end: start + text.length },
  };
}

const rows: Highlight[] = [
  makeRow(1, {
    url: 'https://www.marque.fr/engagements',
    pageTitle: 'Nos *engagements* #1',
    text: 'une démarche 100 % éco-responsable',
    selectors: sel('une démarche 100 % éco-responsable', 50),
    note: 'Aucune preuve\u00a0: quel label ?\nDeuxième ligne',
    tags: ['greenwashing', 'à-vérifier'],
    concepts: ['allegation-env', 'inconnu'],
    category: 'environmental',
    origin: 'claim',
    color: 'green',
  }),
  makeRow(2, {
    url: 'https://www.marque.fr/engagements',
    pageTitle: 'Nos *engagements* #1',
    text: 'Premier paragraphe\n- pas une liste\n1. ni une énumération',
    selectors: sel('Premier paragraphe\n- pas une liste\n1. ni une énumération', 10),
  }),
  makeRow(3, {
    url: 'https://evil.example/page?q=1',
    pageTitle: '',
    text: '<script>alert(1)</script> [lien](javascript:x) ==marqué== %%caché%% #hashtag `code` $x$ &amp;',
    selectors: sel('<script>alert(1)</script> [lien](javascript:x) ==marqué== %%caché%% #hashtag `code` $x$ &amp;', 0),
    note: '=HYPERLINK("http://x", "clic"), "guillemets", virgule',
    tags: ['tableur'],
    color: 'pink',
  }),
  makeRow(4, { url: 'https://shop.example.com/', pageTitle: 'Shop', text: '+33 rappel', selectors: sel('+33 rappel', 3), note: '@mention', deletedAt: NOW - 1000 }),
];

const conceptTitles: Record<string, string> = { 'allegation-env': 'Allégation environnementale' };
const lookup = (id: string) => conceptTitles[id];

describe('rows used in export tests are valid rows', () => {
  it.each(rows.map((r) => [r.id, r] as const))('%s', (_id, r) => {
    expect(HighlightSchema.safeParse(r).error).toBeUndefined();
  });
});

describe('markdown', () => {
  const md = exportHighlights(rows, 'markdown', { now: NOW, concepts: lookup });

  it('has one section per page with title, URL and date, in order of first appearance', () => {
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## Nos \\*engagements\\* \\#1', '## https://evil.example/page?q=1', '## Shop']);
    expect(md).toContain('<https://www.marque.fr/engagements>  \nHighlighted 2023-11-14 · 2 highlights');
    expect(md).toContain('Exported 2024-05-01T12:00:00.000Z · 4 highlights on 3 pages');
  });

  it('quotes every line of every highlight, in reading order within a page', () => {
    expect(md).toContain('> une démarche 100 % éco-responsable');
    expect(md).toContain('> Premier paragraphe  \n> \\- pas une liste  \n> 1\\. ni une énumération\n');
    expect(md.indexOf('> Premier paragraphe')).toBeLessThan(md.indexOf('> une démarche')); // start 10 < 50
  });

  it('shows notes, tags as #tag, concept titles (ids when unknown) and the claim type', () => {
    expect(md).toContain('Aucune preuve\u00a0: quel label ?  \nDeuxième ligne\n');
    expect(md).toContain('Tags: #greenwashing #à-vérifier');
    expect(md).toContain('Concepts: Allégation environnementale · inconnu');
    expect(md).toContain('Claim type: environmental');
  });

  it('makes hostile page text inert', () => {
    const line = md.split('\n').find((l) => l.includes('script'))!;
    expect(line).toBe(
      '> \\<script\\>alert(1)\\</script\\> \\[lien\\](javascript:x) \\=\\=marqué\\=\\= %\\%caché%\\% \\#hashtag \\`code\\` \\$x\\$ \\&amp;',
    );
    // No unescaped markup-opening character survives in any quote line.
    for (const l of md.split('\n').filter((x) => x.startsWith('> '))) {
      expect(l.slice(2)).not.toMatch(/(^|[^\\])[<>[\]`*_#|~$]/);
    }
    expect(md).toContain('\\=HYPERLINK("http://x", "clic"), "guillemets", virgule');
  });

  it.each([
    ['*a*', '\\*a\\*'],
    ['a_b_c', 'a\\_b\\_c'],
    ['x \\ y', 'x \\\\ y'],
    ['100 %', '100 %'],
    ['Tom & Jerry', 'Tom & Jerry'],
    ['&eacute;', '\\&eacute;'],
    ['l’offre « sûre »', 'l’offre « sûre »'],
  ])('escapeMarkdownInline(%j) = %j', (input, expected) => {
    expect(escapeMarkdownInline(input)).toBe(expected);
  });

  it('an empty export is a valid document', () => {
    expect(exportHighlights([], 'markdown', { now: NOW })).toContain('0 highlights on 0 pages');
  });
});

describe('json', () => {
  it('wraps rows in the versioned envelope', () => {
    const env = JSON.parse(exportHighlights(rows, 'json', { now: NOW }));
    expect(env).toEqual({ format: 'claim-lens-export', version: 1, exportedAt: '2024-05-01T12:00:00.000Z', rows });
  });
});

describe('csv', () => {
  const csv = exportHighlights(rows, 'csv', { now: NOW, concepts: lookup });

  it('starts with a BOM, uses CRLF, and parses back with RFC 4180', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const table = parseCsv(csv.slice(1));
    expect(table[0]).toEqual([...CSV_COLUMNS]);
    expect(table).toHaveLength(rows.length + 1);
    for (const r of table) expect(r).toHaveLength(CSV_COLUMNS.length);
    const rec = (i: number) => Object.fromEntries(CSV_COLUMNS.map((c, j) => [c, table[i + 1]![j]!]));
    expect(rec(0)).toMatchObject({
      id: testId(1),
      text: 'une démarche 100 % éco-responsable',
      note: 'Aucune preuve\u00a0: quel label ?\nDeuxième ligne',
      tags: 'greenwashing à-vérifier',
      concepts: 'allegation-env inconnu',
      concept_titles: 'Allégation environnementale · inconnu',
      category: 'environmental',
      color: 'green',
      origin: 'claim',
      created_at: new Date(rows[0]!.createdAt).toISOString(),
      deleted_at: '',
      position_start: '50',
    });
    expect(rec(1).text).toBe('Premier paragraphe\n- pas une liste\n1. ni une énumération');
    expect(rec(2).text).toBe(rows[2]!.text);
    expect(rec(3).deleted_at).toBe(new Date(NOW - 1000).toISOString());
  });

  it('guards cells that a spreadsheet would evaluate', () => {
    const table = parseCsv(csv.slice(1));
    expect(table[3]![CSV_COLUMNS.indexOf('note')]).toBe('\'=HYPERLINK("http://x", "clic"), "guillemets", virgule');
    expect(table[4]![CSV_COLUMNS.indexOf('text')]).toBe("'+33 rappel");
    expect(table[4]![CSV_COLUMNS.indexOf('note')]).toBe("'@mention");
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['-5', "'-5"],
    ['=1+1', "'=1+1"],
    ['=a,b', `"'=a,b"`],
    ['\tx', "'\tx"],
    ['', ''],
  ])('csvCell(%j) = %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
});

describe('jsonld', () => {
  const doc = JSON.parse(exportHighlights(rows, 'jsonld', { now: NOW, collectionId: 'urn:uuid:00000000-0000-4000-8000-00000000abcd' }));

  it('is a W3C AnnotationCollection with an embedded first page', () => {
    expect(doc['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.id).toBe('urn:uuid:00000000-0000-4000-8000-00000000abcd');
    expect(doc.total).toBe(rows.length);
    expect(doc.first.type).toBe('AnnotationPage');
    expect(doc.first.items).toHaveLength(rows.length);
  });

  it('maps each highlight to an Annotation', () => {
    const a = doc.first.items[0];
    expect(a).toEqual({
      id: `urn:uuid:${testId(1)}`,
      type: 'Annotation',
      motivation: 'commenting',
      created: new Date(rows[0]!.createdAt).toISOString(),
      modified: new Date(rows[0]!.updatedAt).toISOString(),
      creator: { id: 'urn:claim-lens:detector', type: 'Software', name: 'Claim Lens claim detector' },
      stylesheet: { type: 'CssStylesheet', value: '.green { background-color: #c8f0c0; }' },
      body: [
        { type: 'TextualBody', value: 'Aucune preuve\u00a0: quel label ?\nDeuxième ligne', format: 'text/plain', purpose: 'commenting' },
        { type: 'TextualBody', value: 'greenwashing', purpose: 'tagging' },
        { type: 'TextualBody', value: 'à-vérifier', purpose: 'tagging' },
        { type: 'TextualBody', value: 'environmental', purpose: 'classifying' },
        { type: 'SpecificResource', source: 'urn:claim-lens:concept:allegation-env', purpose: 'linking' },
        { type: 'SpecificResource', source: 'urn:claim-lens:concept:inconnu', purpose: 'linking' },
      ],
      target: {
        source: 'https://www.marque.fr/engagements',
        selector: [
          { type: 'TextQuoteSelector', exact: 'une démarche 100 % éco-responsable', prefix: 'p', suffix: 's' },
          { type: 'TextPositionSelector', start: 50, end: 84 },
        ],
        styleClass: 'green',
        'dcterms:title': 'Nos *engagements* #1',
      },
    });
    const plain = toAnnotation(rows[1]!);
    expect(plain.motivation).toBe('highlighting');
    expect(plain.body).toBeUndefined();
    expect(plain.creator).toBeUndefined();
  });
});

/** Parse an export back in its own format; throws when it is not a valid, non-empty document. */
function parseBack(format: 'markdown' | 'json' | 'csv' | 'jsonld', text: string): number {
  expect(typeof text).toBe('string');
  expect(text.length).toBeGreaterThan(0);
  switch (format) {
    case 'markdown':
      expect(text.startsWith('# Claim Lens highlights\n')).toBe(true);
      return text.split('\n').filter((l) => l.startsWith('> ')).length;
    case 'json': {
      const env = JSON.parse(text);
      expect(env.format).toBe('claim-lens-export');
      return env.rows.length;
    }
    case 'csv': {
      const table = parseCsv(text.slice(1));
      expect(table[0]).toEqual([...CSV_COLUMNS]);
      return table.length - 1;
    }
    case 'jsonld': {
      const doc = JSON.parse(text);
      expect(doc.type).toBe('AnnotationCollection');
      return doc.first.items.length;
    }
  }
}

describe('exports never throw, and a success is a real document (finding 8)', () => {
  const simple = [makeRow(1), makeRow(2, { note: 'l’offre\u202f!' })];
  it.each(['markdown', 'json', 'csv', 'jsonld'] as const)('%s with odd options still gives a document holding every row', (format) => {
    const odd = { now: Number.NaN, concepts: () => { throw new Error('boom'); }, categoryLabel: () => { throw new Error('boom'); }, markdownLabels: { summary: () => { throw new Error('boom'); } } };
    let text = '';
    expect(() => (text = exportHighlights(simple, format, odd))).not.toThrow();
    expect(parseBack(format, text)).toBe(2);
    const none = exportHighlights(null as unknown as Highlight[], format, null as unknown as { now: number });
    expect(parseBack(format, none)).toBe(0);
    const fixed = { now: NOW, collectionId: 'urn:uuid:00000000-0000-4000-8000-00000000abcd' };
    expect(tryExport(simple, format, fixed)).toEqual({ ok: true, text: exportHighlights(simple, format, fixed) });
  });

  it.each(['markdown', 'json', 'csv', 'jsonld'] as const)('%s: a row that cannot be formatted is an error, never an empty success', (format) => {
    // A corrupted row as a damaged database could hold: no selectors, and a time JSON cannot write.
    const broken = { ...makeRow(3, { url: makeRow(1).url }), selectors: undefined, createdAt: 10n } as unknown as Highlight;
    const r = tryExport([makeRow(1), broken], format, { now: NOW });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/could not be exported/);
    expect(exportHighlights([makeRow(1), broken], format, { now: NOW })).toBe('');
  });

  it('unknown format is an error (and an empty string from exportHighlights)', () => {
    expect(tryExport(rows, 'pdf' as 'json', { now: NOW })).toEqual({ ok: false, error: 'unknown export format "pdf"' });
    expect(exportHighlights(rows, 'pdf' as 'json', { now: NOW })).toBe('');
  });
  it('file names', () => {
    expect(exportFileInfo('markdown', NOW)).toEqual({ fileName: 'claim-lens-2024-05-01.md', mimeType: 'text/markdown;charset=utf-8' });
    expect(exportFileInfo('jsonld', new Date(NOW)).fileName).toBe('claim-lens-2024-05-01.jsonld');
  });
});

describe('100,000 rows', () => {
  // Size only (no timing assertion): checks every format handles a large library in one piece.
  const many = Array.from({ length: 100_000 }, (_, i) => makeRow(i, { url: `https://site${i % 300}.fr/page-${i % 3000}`, tags: i % 3 ? ['a', 'b'] : [], note: i % 5 ? '' : 'note' }));
  it('markdown holds every quote', () => {
    const md = exportHighlights(many, 'markdown', { now: NOW });
    expect(md.split('\n').filter((l) => l.startsWith('> quote number ')).length).toBe(100_000);
    expect(md.split('\n').filter((l) => l.startsWith('## ')).length).toBe(3000);
  });
  it('csv has every row', () => {
    const csv = exportHighlights(many, 'csv', { now: NOW });
    expect(csv.split('\r\n').length).toBe(100_000 + 2);
  });
});

describe('only http(s) page addresses become links (finding 6)', () => {
  const hostile = 'javascript:alert(document.domain)//';
  const web = makeRow(40, { url: 'https://www.exemple.fr/l’offre?q=1' });
  const bad = makeRow(41, { url: hostile, pageTitle: '' });
  const data = makeRow(42, { url: 'data:text/html,<script>alert(1)</script>', pageTitle: 'Données' });

  it.each([
    ['https://www.exemple.fr/a?b=1', '<https://www.exemple.fr/a?b=1>'],
    ['http://exemple.fr/', '<http://exemple.fr/>'],
    [hostile, hostile],
    ['JavaScript:alert(1)', 'JavaScript:alert(1)'],
    ['data:text/html,<b>x</b>', 'data:text/html,\\<b\\>x\\</b\\>'],
    ['file:///etc/passwd', 'file:///etc/passwd'],
    ['mailto:a@b.fr', 'mailto:a@b.fr'],
    ['https://bad url <x>', 'https://bad url \\<x\\>'],
  ])('markdownUrl(%j) = %j', (url, expected) => {
    expect(markdownUrl(url)).toBe(expected);
  });

  it('the Markdown export writes an autolink for the http(s) page and inert text for the others', () => {
    const md = exportHighlights([web, bad, data], 'markdown', { now: NOW });
    const lines = md.split('\n');
    expect(lines).toContain(`<${web.url}>  `);
    expect(lines).toContain(`${hostile}  `);
    expect(md).not.toMatch(/<javascript:/i);
    expect(md).not.toMatch(/<data:/i);
    expect(md).not.toMatch(/\]\(javascript:/i);
    // With no title the page heading is the address, as text.
    expect(lines).toContain(`## ${hostile}`);
  });

  it('the JSON-LD export keeps http(s) sources and writes any other address as an inert URN', () => {
    const doc = JSON.parse(exportHighlights([web, bad, data], 'jsonld', { now: NOW }));
    const sources = doc.first.items.map((a: { target: { source: string } }) => a.target.source);
    expect(sources[0]).toBe(web.url);
    expect(sources[1]).toBe(NON_WEB_URL_PREFIX + encodeURIComponent(hostile));
    expect(sources[2]!.startsWith(NON_WEB_URL_PREFIX)).toBe(true);
    expect(JSON.stringify(doc)).not.toMatch(/"(javascript|data):/i);
    expect(annotationSource('http://x.fr/')).toBe('http://x.fr/');
  });

  it('the CSV export writes addresses as plain cells and guards cells a spreadsheet would evaluate', () => {
    const rows = [
      makeRow(43, { url: hostile, pageTitle: '=HYPERLINK("javascript:alert(1)","clic")', text: '-2 % sur tout', note: '+1 pour ça' }),
      makeRow(44, { pageTitle: '@SUM(A1:A9)', tags: ['=cmd'] }),
    ];
    const table = parseCsv(exportHighlights(rows, 'csv', { now: NOW }).slice(1));
    const col = (name: (typeof CSV_COLUMNS)[number], r: number) => table[r + 1]![CSV_COLUMNS.indexOf(name)];
    expect(col('url', 0)).toBe(hostile);
    expect(col('page_title', 0)).toBe('\'=HYPERLINK("javascript:alert(1)","clic")');
    expect(col('text', 0)).toBe("'-2 % sur tout");
    expect(col('note', 0)).toBe("'+1 pour ça");
    expect(col('page_title', 1)).toBe("'@SUM(A1:A9)");
    expect(col('tags', 1)).toBe("'=cmd");
    // No unguarded cell anywhere starts with a formula character.
    for (const r of table.slice(1)) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
