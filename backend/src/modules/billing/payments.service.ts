import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ConflictError, NotFoundError } from '#src/common/errors/domain-error.js';
import { BillingRepository } from './billing.repository.js';
import { FieldCipher } from './card-data/field-cipher.js';
import type { AddCardDto, CardDto, PaymentDto, RecordPaymentDto } from './dto/billing.dto.js';
import { PaymentEntity } from './entities/payment.entity.js';
import { StoredCardEntity } from './entities/stored-card.entity.js';

/** What a card processor may leave with us: nothing more is ever stored (policy 3.3). */
export interface CardReference {
  providerToken: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

/** The port a card processor adapter implements; payments by bank transfer need none. */
export interface PaymentProvider {
  readonly name: string;
  charge(
    reference: CardReference,
    amountMinor: number,
    currency: string,
  ): Promise<{ providerPaymentId: string }>;
}

@Injectable()
export class PaymentsService {
  private readonly cipher: FieldCipher;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(BillingRepository) private readonly repository: BillingRepository,
  ) {
    this.cipher = new FieldCipher(config.billing.encryptionKeys);
  }

  async record(
    principal: Principal,
    invoiceId: string,
    input: RecordPaymentDto,
  ): Promise<PaymentDto> {
    const organizationId = principal.organizationId;
    const invoice = await this.repository.invoice(organizationId, invoiceId);
    if (!invoice) throw new NotFoundError('Invoice');
    if (invoice.kind !== 'invoice') {
      throw new ConflictError(
        'Payments are recorded against invoices, not credit notes.',
        'not-an-invoice',
      );
    }
    if (await this.repository.creditNoteFor(organizationId, invoiceId)) {
      throw new ConflictError('This invoice has been credited.', 'invoice-credited');
    }
    const paid = (await this.repository.paidMinor(organizationId, [invoiceId])).get(invoiceId) ?? 0;
    if (paid + input.amountMinor > invoice.totalMinor) {
      throw new ConflictError(
        `Only ${invoice.totalMinor - paid} minor units are outstanding on this invoice.`,
        'overpayment',
      );
    }
    const payment = Object.assign(new PaymentEntity(), {
      id: randomUUID(),
      organizationId,
      invoiceId,
      amountMinor: input.amountMinor,
      method: input.method,
      reference: input.reference ?? null,
      receivedAt: input.receivedAt ? new Date(input.receivedAt) : new Date(),
      recordedByUserId: principal.userId,
    });
    await this.repository.insertPayment(payment);
    return toPaymentDto(payment);
  }

  async list(principal: Principal, invoiceId: string): Promise<PaymentDto[]> {
    if (!(await this.repository.invoice(principal.organizationId, invoiceId))) {
      throw new NotFoundError('Invoice');
    }
    const payments = await this.repository.payments(principal.organizationId, invoiceId);
    return payments.map(toPaymentDto);
  }

  async addCard(principal: Principal, input: AddCardDto): Promise<CardDto> {
    const reference: CardReference = {
      providerToken: input.providerToken,
      brand: input.brand,
      last4: input.last4,
      expMonth: input.expMonth,
      expYear: input.expYear,
    };
    const id = randomUUID();
    const { keyId, sealed } = this.cipher.seal(
      JSON.stringify(reference),
      aad(principal.organizationId, id),
    );
    const card = Object.assign(new StoredCardEntity(), {
      id,
      organizationId: principal.organizationId,
      provider: input.provider,
      keyId,
      sealed,
      createdAt: new Date(),
    });
    await this.repository.insertCard(card);
    return this.toCardDto(card);
  }

  async cards(principal: Principal): Promise<CardDto[]> {
    const cards = await this.repository.cards(principal.organizationId);
    return cards.map((c) => this.toCardDto(c));
  }

  async deleteCard(principal: Principal, id: string): Promise<void> {
    if (!(await this.repository.deleteCard(principal.organizationId, id))) {
      throw new NotFoundError('Card');
    }
  }

  /** For an adapter charging the card; the token never leaves the service otherwise. */
  openCard(card: StoredCardEntity): CardReference {
    return JSON.parse(
      this.cipher.open(card.keyId, card.sealed, aad(card.organizationId, card.id)),
    ) as CardReference;
  }

  private toCardDto(card: StoredCardEntity): CardDto {
    const reference = this.openCard(card);
    return {
      id: card.id,
      provider: card.provider,
      brand: reference.brand,
      last4: reference.last4,
      expMonth: reference.expMonth,
      expYear: reference.expYear,
      createdAt: card.createdAt.toISOString(),
    };
  }
}

function aad(organizationId: string, id: string): string {
  return `billing_stored_cards:${organizationId}:${id}`;
}

function toPaymentDto(payment: PaymentEntity): PaymentDto {
  return {
    id: payment.id,
    invoiceId: payment.invoiceId,
    amountMinor: payment.amountMinor,
    method: payment.method,
    reference: payment.reference,
    receivedAt: payment.receivedAt.toISOString(),
  };
}
