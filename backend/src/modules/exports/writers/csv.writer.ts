import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify, type Stringifier } from 'csv-stringify';
import {
  CSV_DELIMITER,
  formatDateTime,
  formatDay,
  formatHours,
  neutralizeFormula,
} from './cell-format.js';
import type { Cell, TableMeta, TableWriter } from './table.js';

/** UTF-8 with a BOM (so Excel reads it right), the locale's list separator, a header row. */
export class CsvTableWriter implements TableWriter {
  private readonly file: WriteStream;
  private readonly csv: Stringifier;
  private readonly done: Promise<void>;

  constructor(
    path: string,
    private readonly meta: TableMeta,
  ) {
    this.file = createWriteStream(path, { mode: 0o600 });
    this.file.write('\uFEFF');
    this.csv = stringify({ delimiter: CSV_DELIMITER[meta.locale], record_delimiter: 'windows' });
    this.csv.pipe(this.file);
    this.done = once(this.file, 'close').then(() => undefined);
    this.csv.write(meta.columns.map((c) => neutralizeFormula(c.header)));
  }

  async writeRows(rows: Cell[][]): Promise<void> {
    for (const row of rows) {
      const ok = this.csv.write(row.map((value, i) => this.format(value, i)));
      if (!ok) await once(this.csv, 'drain');
    }
  }

  async finish(): Promise<void> {
    this.csv.end();
    await this.done;
  }

  async abort(): Promise<void> {
    this.csv.end();
    await this.done.catch(() => undefined);
  }

  private format(value: Cell, index: number): string {
    if (value === null) return '';
    const { locale } = this.meta;
    switch (this.meta.columns[index]?.kind) {
      case 'hours':
        return formatHours(Number(value), locale);
      case 'integer':
        return String(Math.round(Number(value)));
      case 'datetime':
        return formatDateTime(String(value), locale);
      case 'date':
        return formatDay(String(value), locale);
      case 'text':
      case undefined:
        return neutralizeFormula(String(value));
    }
  }
}
