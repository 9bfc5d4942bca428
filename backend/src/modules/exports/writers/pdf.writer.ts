import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { formatDateTime, formatDay, formatHours } from './cell-format.js';
import type { Cell, TableMeta, TableWriter } from './table.js';

const require = createRequire(import.meta.url);
// Roboto covers Latin and Cyrillic (Russian and Ukrainian); PDF's built-in fonts do not.
const FONT_REGULAR = require.resolve('@expo-google-fonts/roboto/400Regular/Roboto_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/roboto/700Bold/Roboto_700Bold.ttf');

const MARGIN = 36;
const FONT_SIZE = 8;
const PADDING = 3;
const MAX_CELL_CHARS = 160;

/** A landscape A4 table; pages are written out as they fill, so memory stays flat. */
export class PdfTableWriter implements TableWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly file: WriteStream;
  private readonly done: Promise<void>;
  private readonly widths: number[];
  private y = MARGIN;
  private page = 1;

  constructor(
    path: string,
    private readonly meta: TableMeta,
  ) {
    this.doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margin: MARGIN,
      bufferPages: false,
      info: { Title: meta.title, Creator: 'CallTimeX' },
    });
    this.doc.registerFont('regular', FONT_REGULAR);
    this.doc.registerFont('bold', FONT_BOLD);
    this.file = createWriteStream(path, { mode: 0o600 });
    this.doc.pipe(this.file);
    this.done = once(this.file, 'close').then(() => undefined);
    const usable = this.doc.page.width - 2 * MARGIN;
    const total = meta.columns.reduce((sum, c) => sum + c.width, 0);
    this.widths = meta.columns.map((c) => (c.width / total) * usable);
    this.doc.font('bold').fontSize(14).text(meta.title, MARGIN, MARGIN);
    this.doc.font('regular').fontSize(9).fillColor('#52606d').text(meta.subtitle);
    this.doc.fillColor('#000000');
    this.y = this.doc.y + 10;
    this.header();
  }

  async writeRows(rows: Cell[][]): Promise<void> {
    for (const row of rows) {
      const texts = row.map((value, i) => this.format(value, i));
      this.doc.font('regular').fontSize(FONT_SIZE);
      const height =
        Math.max(
          ...texts.map((t, i) =>
            this.doc.heightOfString(t, { width: this.widths[i] - 2 * PADDING }),
          ),
        ) +
        2 * PADDING;
      if (this.y + height > this.doc.page.height - MARGIN - 18) this.newPage();
      this.drawRow(texts, height, false);
    }
    // Let the file stream catch up so pages do not pile up in memory.
    if (this.file.writableNeedDrain) await once(this.file, 'drain');
  }

  async finish(): Promise<void> {
    this.footer();
    this.doc.end();
    await this.done;
  }

  async abort(): Promise<void> {
    this.doc.end();
    await this.done.catch(() => undefined);
  }

  private header(): void {
    this.doc.font('bold').fontSize(FONT_SIZE);
    const texts = this.meta.columns.map((c) => c.header);
    const height =
      Math.max(
        ...texts.map((t, i) => this.doc.heightOfString(t, { width: this.widths[i] - 2 * PADDING })),
      ) +
      2 * PADDING;
    this.drawRow(texts, height, true);
  }

  private drawRow(texts: string[], height: number, header: boolean): void {
    if (header)
      this.doc.rect(MARGIN, this.y, this.doc.page.width - 2 * MARGIN, height).fill('#e4e7eb');
    this.doc
      .fillColor('#000000')
      .font(header ? 'bold' : 'regular')
      .fontSize(FONT_SIZE);
    let x = MARGIN;
    texts.forEach((text, i) => {
      const right =
        this.meta.columns[i]?.kind === 'hours' ||
        this.meta.columns[i]?.kind === 'integer' ||
        this.meta.columns[i]?.kind === 'number';
      this.doc.text(text, x + PADDING, this.y + PADDING, {
        width: this.widths[i] - 2 * PADDING,
        align: right && !header ? 'right' : 'left',
        lineBreak: true,
      });
      x += this.widths[i];
    });
    this.y += height;
    this.doc
      .moveTo(MARGIN, this.y)
      .lineTo(this.doc.page.width - MARGIN, this.y)
      .lineWidth(0.3)
      .strokeColor('#cbd2d9')
      .stroke();
  }

  private newPage(): void {
    this.footer();
    this.doc.addPage();
    this.page += 1;
    this.y = MARGIN;
    this.header();
  }

  private footer(): void {
    this.doc
      .font('regular')
      .fontSize(7)
      .fillColor('#52606d')
      .text(`${this.meta.title} · ${this.page}`, MARGIN, this.doc.page.height - MARGIN - 12, {
        width: this.doc.page.width - 2 * MARGIN,
        align: 'right',
        lineBreak: false,
      });
    this.doc.fillColor('#000000');
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
      case 'number':
      case 'text':
      case undefined: {
        const text = String(value);
        return text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS - 1)}…` : text;
      }
    }
  }
}
