import type { MailLocale } from '#src/modules/notifications/mail-catalog.js';

export interface InvoiceTexts {
  invoice: string;
  creditNote: string;
  number: string;
  issued: string;
  period: string;
  billedTo: string;
  plan: string;
  seats: string;
  unitPrice: string;
  net: string;
  tax: string;
  total: string;
  corrects: string;
  reason: string;
  footer: string;
}

export const INVOICE_TEXTS: Record<MailLocale, InvoiceTexts> = {
  en: {
    invoice: 'Invoice',
    creditNote: 'Credit note',
    number: 'Number',
    issued: 'Issued',
    period: 'Period',
    billedTo: 'Billed to',
    plan: 'Plan',
    seats: 'Seats (highest daily count)',
    unitPrice: 'Price per seat and month',
    net: 'Net',
    tax: 'Tax',
    total: 'Total',
    corrects: 'Corrects invoice',
    reason: 'Reason',
    footer: 'CallTimeX subscription. Amounts are rounded half up on the tax line.',
  },
  ru: {
    invoice: 'Счёт',
    creditNote: 'Кредит-нота',
    number: 'Номер',
    issued: 'Дата выставления',
    period: 'Период',
    billedTo: 'Плательщик',
    plan: 'Тариф',
    seats: 'Места (максимум за день)',
    unitPrice: 'Цена места в месяц',
    net: 'Без налога',
    tax: 'Налог',
    total: 'Итого',
    corrects: 'Исправляет счёт',
    reason: 'Причина',
    footer: 'Подписка CallTimeX. Налог округлён до ближайшей единицы (половина — вверх).',
  },
  uk: {
    invoice: 'Рахунок',
    creditNote: 'Кредит-нота',
    number: 'Номер',
    issued: 'Дата виставлення',
    period: 'Період',
    billedTo: 'Платник',
    plan: 'Тариф',
    seats: 'Місця (максимум за день)',
    unitPrice: 'Ціна місця на місяць',
    net: 'Без податку',
    tax: 'Податок',
    total: 'Разом',
    corrects: 'Виправляє рахунок',
    reason: 'Причина',
    footer: 'Підписка CallTimeX. Податок округлено до найближчої одиниці (половина — вгору).',
  },
};

/** 123456 minor units of EUR → "1,234.56 EUR" (en) or "1 234,56 EUR" (ru, uk). */
export function formatMoney(minor: number, currency: string, locale: MailLocale): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = String(Math.floor(abs / 100));
  const cents = String(abs % 100).padStart(2, '0');
  const group = locale === 'en' ? ',' : '\u00a0';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${sign}${grouped}${locale === 'en' ? '.' : ','}${cents} ${currency}`;
}

export function formatRate(basisPoints: number): string {
  return `${(basisPoints / 100).toFixed(2).replace(/\.?0+$/, '')} %`;
}
