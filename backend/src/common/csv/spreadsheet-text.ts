// Text that ends up in a file someone opens in a spreadsheet (CSV, XLSX). One place decides how a
// cell is cleaned, neutralized and quoted, so every export writes the same safe CSV.

export type CsvValue = string | number | null;
export type CsvDelimiter = ',' | ';';

// C0 controls other than tab, CR and LF, DEL, and C1 controls: no meaning in a cell, and XML
// (inside XLSX) cannot hold most of them. Ingestion strips them; rows stored before that did not.
const STRAY_CONTROLS = /[^\P{Cc}\t\r\n]/gu;

// A spreadsheet runs a cell that starts with one of these as a formula (OWASP CSV injection); the
// full-width forms are read as the same by some spreadsheets. Spaces before them do not help.
const FORMULA_AT_CELL_START = /^(?: *[=+\-@\t\uFF1D\uFF0B\uFF0D\uFF20]|[\r\n\u2028\u2029])/;
// The same after a line break inside a cell: a line-oriented reader sees a new row there. Unicode's
// line and paragraph separators count as breaks too (Python's splitlines and others split on them).
const FORMULA_AT_LINE_START = /^ *[=+\-@\t\uFF1D\uFF0B\uFF0D\uFF20]/;
const LINE_BREAK = /(\r\n|\r|\n|\u2028|\u2029)/;
const PLAIN_NEGATIVE_NUMBER = /^-\d+(?:[.,]\d+)?$/;

// RFC 4180: a field holding a quote, the separator, CR or LF is quoted. The separator is the
// locale's list separator; quoting the other one too would quote every "7,50" in a ';' file.
const NEEDS_QUOTES: Record<CsvDelimiter, RegExp> = {
  ',': /[",\r\n\u2028\u2029]/,
  ';': /[";\r\n\u2028\u2029]/,
};

/** The text without control characters other than tab, CR and LF. */
export function withoutStrayControls(text: string): string {
  return text.replace(STRAY_CONTROLS, '');
}

/**
 * An apostrophe before a formula trigger at the start of the cell and at the start of every line
 * inside it, as OWASP advises; spreadsheets show the text and do not run it.
 */
export function neutralizeFormula(text: string): string {
  if (!/[=+\-@\t\r\n\u2028\u2029\uFF1D\uFF0B\uFF0D\uFF20]/.test(text)) return text;
  // A plain negative number ("-12.08", "-12,08": a balance in hours) is data, not a formula.
  if (PLAIN_NEGATIVE_NUMBER.test(text)) return text;
  const parts = text.split(LINE_BREAK);
  // parts alternate line, break, line, …; the first line is the cell start.
  let out = FORMULA_AT_CELL_START.test(text) ? `'${parts[0]}` : parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const line = parts[i + 1];
    out += parts[i] + (FORMULA_AT_LINE_START.test(line) ? `'${line}` : line);
  }
  return out;
}

/** Text as a spreadsheet cell holds it: cleaned of stray controls, formulas neutralized. */
export function spreadsheetText(text: string): string {
  return neutralizeFormula(withoutStrayControls(text));
}

/**
 * One CSV field (RFC 4180). Text is cleaned and neutralized; a number is written as it is (it is
 * data, not a formula, even when negative); null is an empty field.
 */
export function csvField(value: CsvValue, delimiter: CsvDelimiter = ','): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = spreadsheetText(value);
  return NEEDS_QUOTES[delimiter].test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record with its CRLF line end. `delimiter` is the locale's list separator. */
export function csvRecord(values: readonly CsvValue[], delimiter: CsvDelimiter = ','): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += delimiter;
    line += csvField(values[i], delimiter);
  }
  return `${line}\r\n`;
}
