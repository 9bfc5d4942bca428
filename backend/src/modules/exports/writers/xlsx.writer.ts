import ExcelJS from 'exceljs';
import { spreadsheetText } from '#src/common/csv/spreadsheet-text.js';
import { formatDateTime, formatDay, hoursValue } from './cell-format.js';
import type { Cell, TableMeta, TableWriter } from './table.js';

/** exceljs's streaming writer: each row is committed to the file as it is added. */
export class XlsxTableWriter implements TableWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;

  constructor(
    path: string,
    private readonly meta: TableMeta,
  ) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: path,
      useStyles: true,
      // Shared strings would be held in memory until the end.
      useSharedStrings: false,
    });
    this.workbook.creator = 'CallTimeX';
    this.sheet = this.workbook.addWorksheet(meta.sheetName.slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    this.sheet.columns = meta.columns.map((c) => ({
      header: spreadsheetText(c.header),
      width: c.width,
      style:
        c.kind === 'hours'
          ? { numFmt: '0.00' }
          : c.kind === 'integer'
            ? { numFmt: '0' }
            : c.kind === 'number' && c.numFmt
              ? { numFmt: c.numFmt }
              : {},
    }));
    this.sheet.getRow(1).font = { bold: true };
    this.sheet.getRow(1).commit();
  }

  writeRows(rows: Cell[][]): Promise<void> {
    for (const row of rows) {
      this.sheet.addRow(row.map((value, i) => this.cell(value, i))).commit();
    }
    return Promise.resolve();
  }

  async finish(): Promise<void> {
    this.sheet.commit();
    await this.workbook.commit();
  }

  async abort(): Promise<void> {
    await this.finish().catch(() => undefined);
  }

  private cell(value: Cell, index: number): string | number | null {
    if (value === null) return null;
    const { locale } = this.meta;
    switch (this.meta.columns[index]?.kind) {
      case 'hours':
        return hoursValue(Number(value));
      case 'integer':
        return Math.round(Number(value));
      case 'datetime':
        return formatDateTime(String(value), locale);
      case 'date':
        return formatDay(String(value), locale);
      case 'number':
        return typeof value === 'number' ? value : spreadsheetText(String(value));
      case 'text':
      case undefined:
        // exceljs writes a string as a string, never a formula; but the sheet may be saved as CSV
        // later, so the text is neutralized as in CSV files.
        return spreadsheetText(String(value));
    }
  }
}
