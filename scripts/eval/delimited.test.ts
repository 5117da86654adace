import { describe, expect, it } from 'vitest';
import { parseDelimited } from './delimited';

describe('parseDelimited', () => {
  const cases: { name: string; text: string; delim: string; records: { line: number; fields: string[] }[] }[] = [
    { name: 'plain CSV', text: 'a,b\n1,2\n', delim: ',', records: [{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['1', '2'] }] },
    { name: 'CRLF and no final newline', text: 'a,b\r\n1,2', delim: ',', records: [{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['1', '2'] }] },
    { name: 'quoted delimiter', text: '"x, y",z', delim: ',', records: [{ line: 1, fields: ['x, y', 'z'] }] },
    { name: 'doubled quotes', text: '"say ""hi""",2', delim: ',', records: [{ line: 1, fields: ['say "hi"', '2'] }] },
    { name: 'quote inside an unquoted field', text: '24" chain,1', delim: ',', records: [{ line: 1, fields: ['24" chain', '1'] }] },
    {
      name: 'multi-line quoted field keeps its start line',
      text: 'h1\th2\n"Hurry!\n\n02:59:50"\t1\nnext\t0\n',
      delim: '\t',
      records: [
        { line: 1, fields: ['h1', 'h2'] },
        { line: 2, fields: ['Hurry!\n\n02:59:50', '1'] },
        { line: 5, fields: ['next', '0'] },
      ],
    },
    { name: 'blank lines skipped', text: 'a\n\n\nb\n', delim: '\t', records: [{ line: 1, fields: ['a'] }, { line: 4, fields: ['b'] }] },
    { name: 'empty fields kept', text: 'a,,c\n,\n', delim: ',', records: [{ line: 1, fields: ['a', '', 'c'] }, { line: 2, fields: ['', ''] }] },
    { name: 'BOM stripped', text: '\uFEFFa,b', delim: ',', records: [{ line: 1, fields: ['a', 'b'] }] },
    { name: 'tab-separated with quoted tab', text: '"a\tb"\tc', delim: '\t', records: [{ line: 1, fields: ['a\tb', 'c'] }] },
  ];
  it.each(cases)('$name', ({ text, delim, records }) => {
    const r = parseDelimited(text, delim);
    expect(r.issues).toEqual([]);
    expect(r.records).toEqual(records);
  });

  it('reports an unterminated quote with its line', () => {
    const r = parseDelimited('a,b\n1,"open\nstill open', ',');
    expect(r.issues).toEqual([{ line: 2, message: 'unterminated quoted field' }]);
  });

  it('reports text after a closing quote', () => {
    const r = parseDelimited('"a"b,c', ',');
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]!.line).toBe(1);
  });

  it('empty input gives no record', () => {
    expect(parseDelimited('', ',')).toEqual({ records: [], issues: [] });
  });
});
