import { BillingAccountEntity } from './billing-account.entity.js';
import { BillingContactEntity } from './billing-contact.entity.js';
import { InvoiceEntity } from './invoice.entity.js';
import { LicenseEntity } from './license.entity.js';
import { PaymentEntity } from './payment.entity.js';
import { SeatUsageEntity } from './seat-usage.entity.js';
import { StoredCardEntity } from './stored-card.entity.js';

export const BILLING_ENTITIES = [
  BillingAccountEntity,
  BillingContactEntity,
  InvoiceEntity,
  LicenseEntity,
  PaymentEntity,
  SeatUsageEntity,
  StoredCardEntity,
];
