/**
 * A small reader for delimited text with RFC 4180 quoting (CSV, and the TSV files of
 * ../shared/data that quote the same way): a field that starts with `"` runs to the next lone `"`,
 * `""` inside it is one `"`, and it may span lines. Pure; reports problems instead of throwing.
 */

export interface DelimitedRecord {
  /** 1-based line on which the record starts */
  line: number;
  fields: string[];
}

export interface DelimitedIssue {
  line: number;
  message: string;
}

export function parseDelimited(text: string, delimiter: string): { records: DelimitedRecord[]; issues: DelimitedIssue[] } {
  const records: DelimitedRecord[] = [];
  const issues: DelimitedIssue[] = [];
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let field = '';
  let i = 0;
  const n = src.length;

  const endRecord = () => {
    fields.push(field);
    // A record made of one empty field is a blank line: skip it.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };

  while (i < n) {
    const ch = src[i]!;
    if (ch === '"' && field === '') {
      // quoted field
      const start = line;
      i++;
      let closed = false;
      while (i < n) {
        const c = src[i]!;
        if (c === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      if (!closed) {
        issues.push({ line: start, message: 'unterminated quoted field' });
        break;
      }
      // after the closing quote: delimiter, end of line or end of input
      const next = src[i];
      if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
        issues.push({ line, message: `unexpected character after closing quote: ${JSON.stringify(next)}` });
        // keep reading the rest of the field as plain text so one bad record does not derail the file
      }
      continue;
    }
    if (ch === delimiter) {
      fields.push(field);
      field = '';
      i++;
      continue;
    }
    if (ch === '\r' && src[i + 1] === '\n') {
      i++;
      continue;
    }
    if (ch === '\n') {
      endRecord();
      i++;
      line++;
      recordLine = line;
      continue;
    }
    field += ch;
    i++;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return { records, issues };
}
