import type { ExportFormat } from '../entities/report-export.entity.js';

import type { CsvDelimiter } from '#src/common/csv/spreadsheet-text.js';

/** 'number': a value written as it is (a spreadsheet number with `numFmt`; text in CSV and PDF). */
export type ColumnKind = 'text' | 'hours' | 'integer' | 'datetime' | 'date' | 'number';

export interface TableColumn {
  header: string;
  kind: ColumnKind;
  /** Relative width (characters in a spreadsheet, share of the line in a PDF). */
  width: number;
  /** A spreadsheet number format for 'number' columns, e.g. '0.00'. */
  numFmt?: string;
}

/** Raw values: text, seconds for 'hours', ISO strings for dates. Formatting is the writer's. */
export type Cell = string | number | null;

export interface TableMeta {
  title: string;
  subtitle: string;
  sheetName: string;
  locale: ExportLocale;
  columns: TableColumn[];
  /** CSV only: the separator, instead of the locale's. */
  csvDelimiter?: CsvDelimiter;
}

export interface TableWriter {
  writeRows(rows: Cell[][]): Promise<void>;
  /** Flushes and closes the file. */
  finish(): Promise<void>;
  /** Closes the file after a failure; the caller deletes it. */
  abort(): Promise<void>;
}

export const EXPORT_LOCALES = ['en', 'ru', 'uk'] as const;
export type ExportLocale = (typeof EXPORT_LOCALES)[number];

export const FILE_EXTENSIONS: Record<ExportFormat, string> = {
  csv: 'csv',
  xlsx: 'xlsx',
  pdf: 'pdf',
};

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};
