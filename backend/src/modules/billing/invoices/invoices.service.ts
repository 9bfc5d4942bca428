import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { BadRequestError, ConflictError, NotFoundError } from '#src/common/errors/domain-error.js';
import type { Page } from '#src/common/validation/common.dto.js';
import { Mailer } from '#src/modules/notifications/mailer.service.js';
import { toMailLocale, type MailLocale } from '#src/modules/notifications/mail-catalog.js';
import { BillingRepository } from '../billing.repository.js';
import type { InvoiceDto } from '../dto/billing.dto.js';
import { EntitlementService } from '../entitlement.service.js';
import { InvoiceEntity } from '../entities/invoice.entity.js';
import { invoiceAmounts, PLANS } from '../plans.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import { formatMoney } from './invoice-texts.js';

/** First and last day of a YYYY-MM month. */
export function monthBounds(period: string): { start: string; end: string; endsAt: Date } {
  const [year, month] = period.split('-').map(Number);
  const last = new Date(Date.UTC(year, month, 0));
  return {
    start: `${period}-01`,
    end: last.toISOString().slice(0, 10),
    endsAt: new Date(Date.UTC(year, month, 1)),
  };
}

export function previousMonth(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

export function toInvoiceDto(
  invoice: InvoiceEntity,
  paidMinor: number,
  credited: boolean,
): InvoiceDto {
  return {
    id: invoice.id,
    number: invoice.number,
    kind: invoice.kind,
    period: invoice.periodKey,
    periodStart: invoice.periodStart,
    periodEnd: invoice.periodEnd,
    plan: invoice.plan,
    seats: invoice.seats,
    unitPriceMinor: invoice.unitPriceMinor,
    currency: invoice.currency,
    netMinor: invoice.netMinor,
    taxRateBasisPoints: invoice.taxRateBasisPoints,
    taxMinor: invoice.taxMinor,
    totalMinor: invoice.totalMinor,
    paidMinor,
    status: credited ? 'credited' : paidMinor >= invoice.totalMinor ? 'paid' : 'open',
    creditsInvoiceId: invoice.creditsInvoiceId,
    reason: invoice.reason,
    issuedAt: invoice.issuedAt.toISOString(),
  };
}

@Injectable()
export class InvoicesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(BillingRepository) private readonly repository: BillingRepository,
    @Inject(EntitlementService) private readonly entitlements: EntitlementService,
    @Inject(Mailer) private readonly mailer: Mailer,
  ) {}

  /**
   * Issues the period's invoice once (a second call returns the first); null when nothing is
   * billable (free plan, no metered seats).
   */
  async issueForPeriod(
    organizationId: string,
    period: string,
    now = new Date(),
  ): Promise<{ invoice: InvoiceEntity | null; created: boolean }> {
    const bounds = monthBounds(period);
    if (bounds.endsAt > now) {
      throw new BadRequestError(`The period ${period} has not ended yet.`, 'period-not-ended');
    }
    const organization = await this.repository.organization(organizationId);
    if (!organization) throw new NotFoundError('Organization');
    // The plan in force on the period's last day.
    const entitlement = await this.entitlements.current(
      organizationId,
      new Date(bounds.endsAt.getTime() - 1),
    );
    const terms = PLANS[entitlement.plan];
    const seats =
      (await this.repository.seatHighWaterMark(organizationId, bounds.start, bounds.end)) ?? 0;
    if (terms.pricePerSeatMinor === 0 || seats === 0) return { invoice: null, created: false };
    const locale = toMailLocale(organization.locale) ?? 'en';
    const result = await this.repository.issueNumbered(
      organizationId,
      period,
      (account, number) => {
        const amounts = invoiceAmounts(seats, terms.pricePerSeatMinor, account.taxRateBasisPoints);
        return Object.assign(new InvoiceEntity(), {
          id: randomUUID(),
          organizationId,
          number,
          kind: 'invoice' as const,
          periodKey: period,
          periodStart: bounds.start,
          periodEnd: bounds.end,
          plan: entitlement.plan,
          seats,
          unitPriceMinor: terms.pricePerSeatMinor,
          currency: terms.currency,
          ...amounts,
          taxRateBasisPoints: account.taxRateBasisPoints,
          creditsInvoiceId: null,
          reason: null,
          locale,
          issuedAt: new Date(Math.floor(now.getTime() / 1000) * 1000),
        });
      },
    );
    if (result.created) await this.deliver(result.invoice, organization.name);
    return result;
  }

  /** A full reversal of an invoice, numbered in the same sequence; at most one per invoice. */
  async creditNote(organizationId: string, invoiceId: string, reason: string, now = new Date()) {
    const original = await this.repository.invoice(organizationId, invoiceId);
    if (!original) throw new NotFoundError('Invoice');
    if (original.kind !== 'invoice') {
      throw new ConflictError('A credit note cannot be credited.', 'not-an-invoice');
    }
    if (await this.repository.creditNoteFor(organizationId, invoiceId)) {
      throw new ConflictError('This invoice has been credited already.', 'already-credited');
    }
    const organization = await this.repository.organization(organizationId);
    const { invoice } = await this.repository.issueNumbered(organizationId, null, (_, number) =>
      Object.assign(new InvoiceEntity(), {
        ...original,
        id: randomUUID(),
        number,
        kind: 'credit-note' as const,
        periodKey: null,
        netMinor: -original.netMinor,
        taxMinor: -original.taxMinor,
        totalMinor: -original.totalMinor,
        creditsInvoiceId: original.id,
        reason,
        issuedAt: new Date(Math.floor(now.getTime() / 1000) * 1000),
      }),
    );
    await this.deliver(invoice, organization?.name ?? '');
    return invoice;
  }

  async toDto(organizationId: string, invoice: InvoiceEntity): Promise<InvoiceDto> {
    const paid = await this.repository.paidMinor(organizationId, [invoice.id]);
    const credited =
      invoice.kind === 'invoice' &&
      (await this.repository.creditNoteFor(organizationId, invoice.id)) !== null;
    return toInvoiceDto(invoice, paid.get(invoice.id) ?? 0, credited);
  }

  async get(organizationId: string, id: string): Promise<InvoiceDto> {
    const invoice = await this.repository.invoice(organizationId, id);
    if (!invoice) throw new NotFoundError('Invoice');
    return this.toDto(organizationId, invoice);
  }

  async list(
    organizationId: string,
    page: { page: number; pageSize: number },
  ): Promise<Page<InvoiceDto>> {
    const [items, total] = await this.repository.listInvoices(organizationId, page);
    const dtos = await Promise.all(items.map((i) => this.toDto(organizationId, i)));
    return { items: dtos, page: page.page, pageSize: page.pageSize, total };
  }

  async pdf(organizationId: string, id: string): Promise<{ fileName: string; content: Buffer }> {
    const invoice = await this.repository.invoice(organizationId, id);
    if (!invoice) throw new NotFoundError('Invoice');
    const organization = await this.repository.organization(organizationId);
    return {
      fileName: `${invoice.kind}-${invoice.number}.pdf`,
      content: await this.render(invoice, organization?.name ?? ''),
    };
  }

  private async render(invoice: InvoiceEntity, organizationName: string): Promise<Buffer> {
    const corrected = invoice.creditsInvoiceId
      ? await this.repository.invoice(invoice.organizationId, invoice.creditsInvoiceId)
      : null;
    return renderInvoicePdf({
      invoice,
      organizationName,
      locale: (toMailLocale(invoice.locale) ?? 'en') satisfies MailLocale,
      correctsNumber: corrected?.number ?? null,
    });
  }

  /** Writes the PDF where the mail worker reads attachments, then one mail per billing contact. */
  private async deliver(invoice: InvoiceEntity, organizationName: string): Promise<void> {
    const contacts = await this.repository.contacts(invoice.organizationId);
    if (contacts.length === 0) return;
    const relative = join('billing', invoice.organizationId, `${invoice.id}.pdf`);
    const dir = join(this.config.dataDir, 'files', 'billing', invoice.organizationId);
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(this.config.dataDir, 'files', relative),
      await this.render(invoice, organizationName),
      { mode: 0o600 },
    );
    for (const contact of contacts) {
      const locale = toMailLocale(contact.locale) ?? toMailLocale(invoice.locale) ?? 'en';
      await this.mailer.queueMail({
        organizationId: invoice.organizationId,
        template: 'invoice-issued',
        to: { email: contact.email, locale },
        params: {
          kind: invoice.kind,
          invoiceNumber: invoice.number,
          organizationName,
          period: `${invoice.periodStart} – ${invoice.periodEnd}`,
          total: formatMoney(invoice.totalMinor, invoice.currency, locale),
          downloadUrl: `${this.config.http.publicUrl}/api/v1/billing/invoices/${invoice.id}/pdf`,
        },
        dedupeKey: `invoice:${invoice.id}:${contact.id}`,
        attachments: [
          {
            filename: `${invoice.kind}-${invoice.number}.pdf`,
            path: relative,
            contentType: 'application/pdf',
          },
        ],
      });
    }
  }
}
