import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvRecord, type CsvDelimiter, type CsvValue } from '#src/common/csv/spreadsheet-text.js';
import { CSV_DELIMITER, formatDateTime, formatDay, formatHours } from './cell-format.js';
import type { Cell, TableMeta, TableWriter } from './table.js';

/**
 * UTF-8 with a BOM (so Excel reads it right), the locale's list separator, a header row, CRLF.
 * Fields are quoted and neutralized by the one CSV writer all exports share.
 */
export class CsvTableWriter implements TableWriter {
  private readonly file: WriteStream;
  private readonly done: Promise<void>;
  private readonly delimiter: CsvDelimiter;

  constructor(
    path: string,
    private readonly meta: TableMeta,
  ) {
    this.file = createWriteStream(path, { mode: 0o600 });
    this.done = once(this.file, 'close').then(() => undefined);
    this.delimiter = meta.csvDelimiter ?? CSV_DELIMITER[meta.locale];
    this.file.write(
      '\uFEFF' +
        csvRecord(
          meta.columns.map((c) => c.header),
          this.delimiter,
        ),
    );
  }

  async writeRows(rows: Cell[][]): Promise<void> {
    let chunk = '';
    for (const row of rows) {
      chunk += csvRecord(
        row.map((value, i) => this.format(value, i)),
        this.delimiter,
      );
    }
    if (chunk && !this.file.write(chunk)) await once(this.file, 'drain');
  }

  async finish(): Promise<void> {
    this.file.end();
    await this.done;
  }

  async abort(): Promise<void> {
    this.file.end();
    await this.done.catch(() => undefined);
  }

  private format(value: Cell, index: number): CsvValue {
    if (value === null) return null;
    const { locale } = this.meta;
    switch (this.meta.columns[index]?.kind) {
      case 'hours':
        return formatHours(Number(value), locale);
      case 'integer':
        return Math.round(Number(value));
      case 'datetime':
        return formatDateTime(String(value), locale);
      case 'date':
        return formatDay(String(value), locale);
      case 'number':
        return typeof value === 'number' ? value : String(value);
      case 'text':
      case undefined:
        return String(value);
    }
  }
}
