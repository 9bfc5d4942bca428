import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import {
  csvField,
  csvRecord,
  neutralizeFormula,
  spreadsheetText,
  withoutStrayControls,
  type CsvDelimiter,
} from './spreadsheet-text.js';

// What a spreadsheet runs as a formula at the start of a cell or of a line inside it.
const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];
const FORMULA_LINE = /^ *[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
// Unicode's line and paragraph separators are line breaks to some readers (Python's splitlines).
const LINES = /\r\n|\r|\n|\u2028|\u2029/;
const BREAKS = ['\n', '\r', '\u2028', '\u2029'];

/**
 * The expected cell, written independently of the implementation: a character at a time, an
 * apostrophe goes in front of the spaces and trigger that open the cell or any line in it.
 */
// As the writer decides it: on the text cleaned of stray controls ("-0\u0007" is "-0").
const isPlainNegative = (cell: unknown): boolean =>
  typeof cell === 'string' && /^-[0-9]+([.,][0-9]+)?$/.test(withoutStrayControls(cell));

function model(text: string): string {
  // A plain negative decimal number is a value a spreadsheet reads as a number, never a formula.
  if (/^-[0-9]+([.,][0-9]+)?$/.test(text)) return text;
  let out = '';
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const atBreak = i === text.length || BREAKS.includes(text[i]);
    if (!atBreak) continue;
    const line = text.slice(lineStart, i);
    const opener = line.replace(/^ */, '')[0];
    const trigger = opener !== undefined && TRIGGERS.includes(opener);
    // A cell that opens with a line break opens with a trigger too.
    const cellOpensWithBreak = lineStart === 0 && line === '' && i < text.length;
    out += (trigger || cellOpensWithBreak ? `'` : '') + line;
    if (i < text.length) {
      const br = text[i] === '\r' && text[i + 1] === '\n' ? '\r\n' : text[i];
      out += br;
      i += br.length - 1;
      lineStart = i + 1;
    }
  }
  return out;
}

// Text with many of the characters that matter: triggers, breaks, quotes, separators, controls.
const hostileChar = fc.constantFrom(
  ...TRIGGERS,
  '\n',
  '\r\n',
  '\u2028',
  '\u2029',
  ' ',
  '"',
  ',',
  ';',
  "'",
  'a',
  'Я',
  '😀',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
);
const hostileText = fc
  .array(fc.oneof(hostileChar, fc.string({ maxLength: 3 })), { maxLength: 12 })
  .map((parts) => parts.join(''));
const cell = fc.oneof(
  hostileText,
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
  fc.constant(null),
);
const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), {
  minLength: 1,
  maxLength: 8,
});
const delimiter = fc.constantFrom<CsvDelimiter>(',', ';');

const expected = (value: string | number | null): string =>
  value === null ? '' : typeof value === 'number' ? String(value) : spreadsheetText(value);

describe('spreadsheet text', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r'=1"],
    ['  =1', "'  =1"],
    ['\uFF1D1+1', "'\uFF1D1+1"],
    ['x\n@SUM(1+1)', "x\n'@SUM(1+1)"],
    ['a\r\n=1\r-2\n\n+3', "a\r\n'=1\r'-2\n\n'+3"],
    ['a\n b\n\tc', "a\n b\n'\tc"],
    ['x\u2028=1\u2029@2', "x\u2028'=1\u2029'@2"],
    ['-12.08', '-12.08'],
    ['-12,08', '-12,08'],
    ['-12.08+1', "'-12.08+1"],
    ['-1e5', "'-1e5"],
    ['-.5', "'-.5"],
    [' -1', "' -1"],
    ['-1\n=2', "'-1\n'=2"],
    ['Plain', 'Plain'],
    ['a=1', 'a=1'],
    ["'=1", "'=1"],
    ['', ''],
  ])('neutralizes %j as %j', (input, output) => {
    expect(neutralizeFormula(input)).toBe(output);
    expect(model(input)).toBe(output);
  });

  it('drops NUL and the other control characters but tab, CR and LF', () => {
    expect(withoutStrayControls('a\u0000b\u0007c\u001b[31m\u007f\u0085\u009bd\te\r\nf')).toBe(
      'abc[31md\te\r\nf',
    );
    expect(spreadsheetText('\u0000=1')).toBe("'=1");
  });

  it('quotes a field holding a quote, the separator, CR or LF, and nothing else (RFC 4180)', () => {
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a;b')).toBe('a;b');
    expect(csvField('a;b', ';')).toBe('"a;b"');
    expect(csvField('7,50', ';')).toBe('7,50');
    expect(csvField('\r=1+1')).toBe(`"'\r'=1+1"`);
    expect(csvField('x\n@SUM(1+1)')).toBe(`"x\n'@SUM(1+1)"`);
    expect(csvField('tab\there')).toBe('tab\there');
    expect(csvField('x\u2028y')).toBe('"x\u2028y"');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvRecord(['a', 1, null, 'b c'], ';')).toBe('a;1;;b c\r\n');
  });

  it('the cell rule matches an independent model of it', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(neutralizeFormula(text)).toBe(model(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('a real CSV parser reads back exactly the rows and fields written, and no line or cell starts a formula', () => {
    fc.assert(
      fc.property(table, delimiter, (rows, sep) => {
        const text = rows.map((row) => csvRecord(row, sep)).join('');
        const parsed: string[][] = parse(text, {
          delimiter: sep,
          // As a spreadsheet reads it: any unquoted line break ends a record.
          record_delimiter: ['\r\n', '\n', '\r'],
          relax_column_count: true,
          skip_empty_lines: false,
        });
        expect(parsed).toEqual(rows.map((row) => row.map(expected)));
        for (const [r, row] of parsed.entries()) {
          for (const [c, value] of row.entries()) {
            // Numbers, and text that is a plain negative number ("-0", "-12,08"), are data.
            if (typeof rows[r][c] === 'number' || isPlainNegative(rows[r][c])) continue;
            expect(value).not.toMatch(/[^\P{Cc}\t\r\n]/u);
            for (const line of value.split(LINES)) expect(line).not.toMatch(FORMULA_LINE);
          }
        }
        // Nor does any raw line of the file, whatever a line-by-line reader makes of it; a record
        // may only open with a number (-5 is data, not a formula).
        const opensWithNumber = new Set(
          rows
            .filter((row) => typeof row[0] === 'number' || isPlainNegative(row[0]))
            .map((row) => csvField(row[0], sep)),
        );
        for (const line of text.split(LINES)) {
          if (FORMULA_LINE.test(line)) {
            expect(opensWithNumber.has(line.split(sep)[0])).toBe(true);
          }
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('neutralizing only adds apostrophes: removing them gives back the cleaned text', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const clean = withoutStrayControls(text);
        const out = spreadsheetText(text);
        expect(out.length).toBeGreaterThanOrEqual(clean.length);
        expect(out.replace(/'/g, '')).toBe(clean.replace(/'/g, ''));
      }),
    );
  });
});
