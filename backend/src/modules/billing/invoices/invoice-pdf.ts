import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { MailLocale } from '#src/modules/notifications/mail-catalog.js';
import type { InvoiceEntity } from '../entities/invoice.entity.js';
import { formatMoney, formatRate, INVOICE_TEXTS } from './invoice-texts.js';

const require = createRequire(import.meta.url);
// Roboto covers Latin and Cyrillic; PDF's built-in fonts do not.
const FONT_REGULAR = require.resolve('@expo-google-fonts/roboto/400Regular/Roboto_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/roboto/700Bold/Roboto_700Bold.ttf');

export interface InvoicePdfInput {
  invoice: InvoiceEntity;
  organizationName: string;
  locale: MailLocale;
  /** Number of the corrected invoice, for a credit note. */
  correctsNumber: number | null;
}

/** One A4 page; small enough to build in memory. */
export async function renderInvoicePdf(input: InvoicePdfInput): Promise<Buffer> {
  const { invoice, locale } = input;
  const t = INVOICE_TEXTS[locale];
  const title = invoice.kind === 'invoice' ? t.invoice : t.creditNote;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${title} ${invoice.number}`, Creator: 'CallTimeX' },
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const money = (minor: number) => formatMoney(minor, invoice.currency, locale);
  doc.font('bold').fontSize(20).text(`${title} ${invoice.number}`);
  doc.moveDown();
  const line = (label: string, value: string) => {
    doc.font('bold').fontSize(10).text(`${label}: `, { continued: true });
    doc.font('regular').text(value);
  };
  line(t.billedTo, input.organizationName);
  line(t.number, String(invoice.number));
  line(t.issued, invoice.issuedAt.toISOString().slice(0, 10));
  line(t.period, `${invoice.periodStart} – ${invoice.periodEnd}`);
  if (input.correctsNumber !== null) line(t.corrects, String(input.correctsNumber));
  if (invoice.reason) line(t.reason, invoice.reason);
  doc.moveDown();
  line(t.plan, invoice.plan);
  line(t.seats, String(invoice.seats));
  line(t.unitPrice, money(invoice.unitPriceMinor));
  doc.moveDown();
  line(t.net, money(invoice.netMinor));
  line(`${t.tax} (${formatRate(invoice.taxRateBasisPoints)})`, money(invoice.taxMinor));
  doc
    .font('bold')
    .fontSize(12)
    .text(`${t.total}: ${money(invoice.totalMinor)}`);
  doc.moveDown(2);
  doc.font('regular').fontSize(8).fillColor('#52606d').text(t.footer);
  doc.end();
  return done;
}
