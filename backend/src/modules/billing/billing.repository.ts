import { Inject, Injectable } from '@nestjs/common';
import { Between, DataSource, type EntityManager } from 'typeorm';
import { dialectOf } from '#src/database/dialect.js';
import { EmployeeEntity } from '../accounts/entities/employee.entity.js';
import { OrganizationEntity } from '../accounts/entities/organization.entity.js';
import { isUniqueViolation } from '#src/database/sql.js';
import { DeviceEntity } from '../agent/entities/device.entity.js';
import { BillingAccountEntity } from './entities/billing-account.entity.js';
import { BillingContactEntity } from './entities/billing-contact.entity.js';
import { InvoiceEntity } from './entities/invoice.entity.js';
import { LicenseEntity } from './entities/license.entity.js';
import { PaymentEntity } from './entities/payment.entity.js';
import { SeatUsageEntity } from './entities/seat-usage.entity.js';
import { StoredCardEntity } from './entities/stored-card.entity.js';

export interface SeatHolderRow {
  employeeId: string;
  fullName: string;
  email: string;
  devices: number;
  since: Date;
}

/** The only place billing speaks TypeORM. */
@Injectable()
export class BillingRepository {
  // SQLite has one connection: a second transaction begun before the first ends fails, so issuing
  // is queued in process (embedded mode is one process).
  private sqliteQueue: Promise<unknown> = Promise.resolve();

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  organization(organizationId: string): Promise<OrganizationEntity | null> {
    return this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: organizationId });
  }

  async organizationIds(): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(OrganizationEntity)
      .find({ select: { id: true } });
    return rows.map((r) => r.id);
  }

  /** Employees (active) with at least one device that is not revoked. */
  async seatsInUse(organizationId: string): Promise<number> {
    const row = await this.dataSource
      .getRepository(DeviceEntity)
      .createQueryBuilder('d')
      .innerJoin(EmployeeEntity, 'e', 'e.id = d.employeeId')
      .select('COUNT(DISTINCT d.employeeId)', 'seats')
      .where('d.organizationId = :organizationId', { organizationId })
      .andWhere('d.revokedAt IS NULL')
      .andWhere("e.status = 'active'")
      .getRawOne<{ seats: string | number }>();
    return Number(row?.seats ?? 0);
  }

  /** Who holds the seats counted by seatsInUse, by name; one page of them. */
  async seatHolders(
    organizationId: string,
    offset: number,
    limit: number,
  ): Promise<SeatHolderRow[]> {
    const rows = await this.dataSource
      .getRepository(DeviceEntity)
      .createQueryBuilder('d')
      .innerJoin(EmployeeEntity, 'e', 'e.id = d.employeeId')
      .select('e.id', 'employeeId')
      .addSelect('e.fullName', 'fullName')
      .addSelect('e.email', 'email')
      .addSelect('COUNT(d.id)', 'devices')
      .addSelect('MIN(d.createdAt)', 'since')
      .where('d.organizationId = :organizationId', { organizationId })
      .andWhere('d.revokedAt IS NULL')
      .andWhere("e.status = 'active'")
      .groupBy('e.id')
      .addGroupBy('e.fullName')
      .addGroupBy('e.email')
      .orderBy('e.fullName', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .offset(offset)
      .limit(limit)
      .getRawMany<{
        employeeId: string;
        fullName: string;
        email: string;
        devices: string | number;
        since: string | Date;
      }>();
    return rows.map((r) => ({
      employeeId: r.employeeId,
      fullName: r.fullName,
      email: r.email,
      devices: Number(r.devices),
      // SQLite answers MIN() over a datetime column as text in UTC.
      since: r.since instanceof Date ? r.since : new Date(`${String(r.since).replace(' ', 'T')}Z`),
    }));
  }

  async employeeHasSeat(organizationId: string, employeeId: string): Promise<boolean> {
    const count = await this.dataSource
      .getRepository(DeviceEntity)
      .createQueryBuilder('d')
      .where('d.organizationId = :organizationId AND d.employeeId = :employeeId', {
        organizationId,
        employeeId,
      })
      .andWhere('d.revokedAt IS NULL')
      .getCount();
    return count > 0;
  }

  // --- licenses

  insertLicense(license: LicenseEntity): Promise<unknown> {
    return this.dataSource.getRepository(LicenseEntity).insert(license);
  }

  currentLicense(organizationId: string): Promise<LicenseEntity | null> {
    return this.dataSource
      .getRepository(LicenseEntity)
      .findOne({ where: { organizationId }, order: { uploadedAt: 'DESC', id: 'DESC' } });
  }

  // --- seat usage

  /** Keeps the day's maximum. */
  async recordSeats(organizationId: string, day: string, seats: number): Promise<void> {
    const repo = this.dataSource.getRepository(SeatUsageEntity);
    const existing = await repo.findOneBy({ organizationId, day });
    if (!existing) {
      try {
        await repo.insert({ organizationId, day, seats });
        return;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    await repo
      .createQueryBuilder()
      .update()
      .set({
        seats: () => `CASE WHEN seats < ${Number(seats)} THEN ${Number(seats)} ELSE seats END`,
      })
      .where('organizationId = :organizationId AND day = :day', { organizationId, day })
      .execute();
  }

  async seatHighWaterMark(
    organizationId: string,
    from: string,
    to: string,
  ): Promise<number | null> {
    const rows = await this.dataSource
      .getRepository(SeatUsageEntity)
      .findBy({ organizationId, day: Between(from, to) });
    return rows.length === 0 ? null : Math.max(...rows.map((r) => r.seats));
  }

  seatUsage(organizationId: string, from: string, to: string): Promise<SeatUsageEntity[]> {
    return this.dataSource
      .getRepository(SeatUsageEntity)
      .find({ where: { organizationId, day: Between(from, to) }, order: { day: 'ASC' } });
  }

  // --- account

  async account(organizationId: string): Promise<BillingAccountEntity> {
    await this.ensureAccount(organizationId);
    const found = await this.dataSource
      .getRepository(BillingAccountEntity)
      .findOneByOrFail({ organizationId });
    return found;
  }

  async setTaxRate(organizationId: string, taxRateBasisPoints: number): Promise<void> {
    await this.ensureAccount(organizationId);
    await this.dataSource
      .getRepository(BillingAccountEntity)
      .update({ organizationId }, { taxRateBasisPoints });
  }

  private async ensureAccount(organizationId: string): Promise<void> {
    const repo = this.dataSource.getRepository(BillingAccountEntity);
    if (await repo.existsBy({ organizationId })) return;
    try {
      await repo.insert({ organizationId, taxRateBasisPoints: 0, nextInvoiceNumber: 1 });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }

  // --- invoices

  /**
   * Runs `build` with the organization's counter row locked and inserts what it returns under the
   * next number. On MariaDB the row lock (FOR UPDATE) queues concurrent issuers; SQLite allows one
   * writer at a time. The unique indexes on (organization, number) and (organization, period) are
   * the backstop. Returns the existing invoice when the period was already issued.
   */
  async issueNumbered(
    organizationId: string,
    periodKey: string | null,
    build: (account: BillingAccountEntity, number: number) => InvoiceEntity,
  ): Promise<{ invoice: InvoiceEntity; created: boolean }> {
    await this.ensureAccount(organizationId);
    if (dialectOf(this.dataSource) === 'sqlite') {
      const run = this.sqliteQueue.then(() =>
        this.issueInTransaction(organizationId, periodKey, build),
      );
      this.sqliteQueue = run.catch(() => undefined);
      return run;
    }
    return this.issueInTransaction(organizationId, periodKey, build);
  }

  private async issueInTransaction(
    organizationId: string,
    periodKey: string | null,
    build: (account: BillingAccountEntity, number: number) => InvoiceEntity,
  ): Promise<{ invoice: InvoiceEntity; created: boolean }> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const account = await this.lockAccount(manager, organizationId);
        if (periodKey) {
          const existing = await manager.findOneBy(InvoiceEntity, { organizationId, periodKey });
          if (existing) return { invoice: existing, created: false };
        }
        const invoice = build(account, account.nextInvoiceNumber);
        await manager.insert(InvoiceEntity, invoice);
        await manager.update(
          BillingAccountEntity,
          { organizationId },
          { nextInvoiceNumber: account.nextInvoiceNumber + 1 },
        );
        return { invoice, created: true };
      });
    } catch (error) {
      if (!periodKey || !isUniqueViolation(error)) throw error;
      // Another issuer won the period; a clash on the number itself is a real error.
      const existing = await this.dataSource
        .getRepository(InvoiceEntity)
        .findOneBy({ organizationId, periodKey });
      if (!existing) throw error;
      return { invoice: existing, created: false };
    }
  }

  private lockAccount(manager: EntityManager, organizationId: string) {
    if (dialectOf(this.dataSource) === 'sqlite') {
      return manager.findOneByOrFail(BillingAccountEntity, { organizationId });
    }
    return manager.findOneOrFail(BillingAccountEntity, {
      where: { organizationId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  invoice(organizationId: string, id: string): Promise<InvoiceEntity | null> {
    return this.dataSource.getRepository(InvoiceEntity).findOneBy({ organizationId, id });
  }

  creditNoteFor(organizationId: string, invoiceId: string): Promise<InvoiceEntity | null> {
    return this.dataSource
      .getRepository(InvoiceEntity)
      .findOneBy({ organizationId, creditsInvoiceId: invoiceId });
  }

  listInvoices(
    organizationId: string,
    page: { page: number; pageSize: number },
  ): Promise<[InvoiceEntity[], number]> {
    return this.dataSource.getRepository(InvoiceEntity).findAndCount({
      where: { organizationId },
      order: { number: 'DESC' },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    });
  }

  // --- payments

  insertPayment(payment: PaymentEntity): Promise<unknown> {
    return this.dataSource.getRepository(PaymentEntity).insert(payment);
  }

  payments(organizationId: string, invoiceId: string): Promise<PaymentEntity[]> {
    return this.dataSource
      .getRepository(PaymentEntity)
      .find({ where: { organizationId, invoiceId }, order: { receivedAt: 'ASC' } });
  }

  async paidMinor(organizationId: string, invoiceIds: string[]): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    if (invoiceIds.length === 0) return result;
    const rows = await this.dataSource
      .getRepository(PaymentEntity)
      .createQueryBuilder('p')
      .select('p.invoiceId', 'invoiceId')
      .addSelect('SUM(p.amountMinor)', 'paid')
      .where('p.organizationId = :organizationId', { organizationId })
      .andWhere('p.invoiceId IN (:...invoiceIds)', { invoiceIds })
      .groupBy('p.invoiceId')
      .getRawMany<{ invoiceId: string; paid: string | number }>();
    for (const row of rows) result.set(row.invoiceId, Number(row.paid));
    return result;
  }

  // --- stored cards

  insertCard(card: StoredCardEntity): Promise<unknown> {
    return this.dataSource.getRepository(StoredCardEntity).insert(card);
  }

  cards(organizationId: string): Promise<StoredCardEntity[]> {
    return this.dataSource
      .getRepository(StoredCardEntity)
      .find({ where: { organizationId }, order: { createdAt: 'ASC' } });
  }

  async deleteCard(organizationId: string, id: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(StoredCardEntity)
      .delete({ organizationId, id });
    return (result.affected ?? 0) > 0;
  }

  // --- contacts

  insertContact(contact: BillingContactEntity): Promise<unknown> {
    return this.dataSource.getRepository(BillingContactEntity).insert(contact);
  }

  contacts(organizationId: string): Promise<BillingContactEntity[]> {
    return this.dataSource
      .getRepository(BillingContactEntity)
      .find({ where: { organizationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  contact(organizationId: string, id: string): Promise<BillingContactEntity | null> {
    return this.dataSource.getRepository(BillingContactEntity).findOneBy({ organizationId, id });
  }

  async updateContact(
    organizationId: string,
    id: string,
    fields: Partial<Pick<BillingContactEntity, 'name' | 'email' | 'locale'>>,
  ): Promise<void> {
    await this.dataSource
      .getRepository(BillingContactEntity)
      .update({ organizationId, id }, fields);
  }

  async deleteContact(organizationId: string, id: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(BillingContactEntity)
      .delete({ organizationId, id });
    return (result.affected ?? 0) > 0;
  }
}
