import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import { BadRequestError, NotFoundError } from '#src/common/errors/domain-error.js';
import { BillingRepository } from './billing.repository.js';
import { LicenseRejectedError } from './billing.errors.js';
import type { LicenseDto, SeatHoldersDto, SeatsDto, SeatUsageDto } from './dto/billing.dto.js';
import { EntitlementService } from './entitlement.service.js';
import { LicenseEntity } from './entities/license.entity.js';
import { monthBounds } from './invoices/invoices.service.js';
import { LicenseFormatError, verifyLicense } from './license/license-document.js';
import { PLANS } from './plans.js';

function toDto(license: LicenseEntity, now: Date): LicenseDto {
  return {
    licenseId: license.licenseId,
    organizationId: license.organizationId,
    licensee: license.licensee,
    plan: license.plan,
    seats: license.seats,
    validFrom: license.validFrom.toISOString(),
    validUntil: license.validUntil.toISOString(),
    uploadedAt: license.uploadedAt.toISOString(),
    status:
      now < license.validFrom ? 'not-yet-valid' : now >= license.validUntil ? 'expired' : 'valid',
  };
}

@Injectable()
export class LicenseService {
  constructor(
    @Inject(BillingRepository) private readonly repository: BillingRepository,
    @Inject(EntitlementService) private readonly entitlements: EntitlementService,
  ) {}

  async upload(principal: Principal, document: string, now = new Date()): Promise<LicenseDto> {
    let claims;
    try {
      claims = verifyLicense(document, this.entitlements.publicKey);
    } catch (error) {
      if (!(error instanceof LicenseFormatError)) throw error;
      if (error.problem === 'malformed')
        throw new BadRequestError(error.message, 'license-malformed');
      throw new LicenseRejectedError('license-signature-invalid', error.message);
    }
    if (claims.organizationId !== principal.organizationId) {
      throw new LicenseRejectedError(
        'license-organization-mismatch',
        'This license was issued for another organization.',
      );
    }
    if (new Date(claims.validUntil) <= now) {
      throw new LicenseRejectedError(
        'license-expired',
        `This license expired at ${claims.validUntil}.`,
      );
    }
    if (new Date(claims.validFrom) > now) {
      throw new LicenseRejectedError(
        'license-not-yet-valid',
        `This license is valid from ${claims.validFrom}; upload it then.`,
      );
    }
    const entity = Object.assign(new LicenseEntity(), {
      id: randomUUID(),
      organizationId: principal.organizationId,
      licenseId: claims.licenseId,
      licensee: claims.licensee,
      plan: claims.plan,
      seats: claims.seats,
      validFrom: new Date(claims.validFrom),
      validUntil: new Date(claims.validUntil),
      document: document.trim(),
      uploadedAt: now,
      uploadedByUserId: principal.userId,
    });
    await this.repository.insertLicense(entity);
    return toDto(entity, now);
  }

  async current(principal: Principal, now = new Date()): Promise<LicenseDto> {
    const license = await this.repository.currentLicense(principal.organizationId);
    if (!license) throw new NotFoundError('License');
    return toDto(license, now);
  }

  async seats(principal: Principal, now = new Date()): Promise<SeatsDto> {
    const organizationId = principal.organizationId;
    const entitlement = await this.entitlements.current(organizationId, now);
    const license = await this.repository.currentLicense(organizationId);
    const account = await this.repository.account(organizationId);
    const terms = PLANS[entitlement.plan];
    return {
      organizationId,
      plan: entitlement.plan,
      licensedSeats: entitlement.seats,
      graceSeats: entitlement.graceSeats,
      seatsInUse: await this.repository.seatsInUse(organizationId),
      enforced: entitlement.licenseId !== null,
      license: license ? toDto(license, now) : null,
      pricePerSeatMinor: terms.pricePerSeatMinor,
      currency: terms.currency,
      taxRateBasisPoints: account.taxRateBasisPoints,
    };
  }

  /** Who holds the seats: what to deactivate (or revoke devices of) when over the plan. */
  async seatHolders(principal: Principal, page: number, pageSize: number): Promise<SeatHoldersDto> {
    const organizationId = principal.organizationId;
    const [rows, total] = await Promise.all([
      this.repository.seatHolders(organizationId, (page - 1) * pageSize, pageSize),
      this.repository.seatsInUse(organizationId),
    ]);
    return {
      items: rows.map((r) => ({ ...r, since: r.since.toISOString() })),
      page,
      pageSize,
      total,
    };
  }

  async usage(principal: Principal, period: string): Promise<SeatUsageDto> {
    const { start, end } = monthBounds(period);
    const days = await this.repository.seatUsage(principal.organizationId, start, end);
    return {
      period,
      billableSeats: days.reduce((max, d) => Math.max(max, d.seats), 0),
      days: days.map((d) => ({ day: d.day, seats: d.seats })),
    };
  }

  /** The daily metering: today's seat count, kept as the day's maximum. */
  async recordSeats(organizationId: string, now = new Date()): Promise<number> {
    const seats = await this.repository.seatsInUse(organizationId);
    await this.repository.recordSeats(organizationId, now.toISOString().slice(0, 10), seats);
    return seats;
  }

  async setTaxRate(principal: Principal, taxRateBasisPoints: number): Promise<void> {
    await this.repository.setTaxRate(principal.organizationId, taxRateBasisPoints);
  }
}
