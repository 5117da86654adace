/**
 * A strict RFC 4180 reader for tests (our own, so a CSV export is checked by something that does not
 * share its code): fields separated by commas, records by CRLF; a field in double quotes may hold
 * commas, line breaks and doubled quotes. Anything else (a bare CR or LF, a quote inside an unquoted
 * field, text after a closing quote, an unterminated quote) throws, naming the offset.
 */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let rec: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let wasQuoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
      continue;
    }
    if (c === '"') {
      if (field !== '' || wasQuoted) throw new Error(`stray quote at ${i}`);
      quoted = true;
      wasQuoted = true;
      i++;
    } else if (c === ',') {
      rec.push(field);
      field = '';
      wasQuoted = false;
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      rec.push(field);
      out.push(rec);
      rec = [];
      field = '';
      wasQuoted = false;
      i += 2;
    } else if (c === '\r' || c === '\n') {
      throw new Error(`bare ${JSON.stringify(c)} outside quotes at ${i}`);
    } else {
      if (wasQuoted) throw new Error(`text after a closing quote at ${i}`);
      field += c;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || rec.length) {
    rec.push(field);
    out.push(rec);
  }
  return out;
}
