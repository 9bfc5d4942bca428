import { Inject, Injectable } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { BillingRepository } from './billing.repository.js';
import { publicKeyFrom, verifyLicense } from './license/license-document.js';
import { VENDOR_LICENSE_PUBLIC_KEY } from './license/vendor-public-key.js';
import { seatGrace, type Plan } from './plans.js';

export interface Entitlement {
  plan: Plan;
  seats: number;
  graceSeats: number;
  licenseId: string | null;
  validUntil: Date | null;
}

/** What an organization may use now: its license while valid, else the free tier. */
@Injectable()
export class EntitlementService {
  readonly publicKey: KeyObject;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(BillingRepository) private readonly repository: BillingRepository,
  ) {
    this.publicKey = publicKeyFrom(config.billing.licensePublicKey ?? VENDOR_LICENSE_PUBLIC_KEY);
  }

  async current(organizationId: string, now = new Date()): Promise<Entitlement> {
    const license = await this.repository.currentLicense(organizationId);
    if (license && license.validFrom <= now && now < license.validUntil) {
      // Verified again: a row edited in the database grants nothing.
      try {
        const claims = verifyLicense(license.document, this.publicKey);
        if (claims.organizationId === organizationId) {
          return {
            plan: claims.plan,
            seats: claims.seats,
            graceSeats: seatGrace(claims.seats),
            licenseId: claims.licenseId,
            validUntil: new Date(claims.validUntil),
          };
        }
      } catch {
        // Falls through to the free tier.
      }
    }
    const free = this.config.billing.freeSeats;
    return {
      plan: 'free',
      seats: free,
      graceSeats: seatGrace(free),
      licenseId: null,
      validUntil: null,
    };
  }
}
