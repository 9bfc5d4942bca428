import { Injectable, computed, inject, resource } from '@angular/core';
import { Auth } from '../auth/auth.service';
import { viewOf } from '@app/shared/data/resource-view';
import { Api } from '../http/api';
import { I18n } from '../i18n/i18n.service';

/** `GET /billing/seats`. */
export interface Seats {
  plan: string;
  seatsInUse: number;
  licensedSeats: number;
  graceSeats: number;
  pricePerSeatMinor: number;
  currency: string;
  license: {
    licensee: string;
    plan: string;
    seats: number;
    status: string;
    validUntil: string;
  } | null;
}

/** More seats in use than the plan or license grants: how many, and by how much. */
export interface SeatOverrun {
  used: number;
  allowed: number;
  excess: number;
}

/**
 * Whether the organization uses more seats than it has. Shared by the shell's banner and the
 * billing page, so uploading a license or deactivating people clears the banner at once. Only
 * those who can act on it (billing managers) ask.
 */
@Injectable({ providedIn: 'root' })
export class SeatStatus {
  private readonly api = inject(Api);
  private readonly auth = inject(Auth);

  private readonly ref = resource({
    params: () => (this.auth.can('manageBilling') ? this.auth.user()?.id : undefined),
    loader: () => this.api.get<Seats>('/billing/seats'),
  });

  /** The plan, license and seat counts, for the billing page. */
  readonly view = viewOf(this.ref, inject(I18n));

  /** The overrun, or null when within the seats (or not known: an error shows no banner). */
  readonly overrun = computed<SeatOverrun | null>(() => {
    const seats = this.ref.hasValue() ? this.ref.value() : undefined;
    if (!seats || seats.seatsInUse <= seats.licensedSeats) return null;
    return {
      used: seats.seatsInUse,
      allowed: seats.licensedSeats,
      excess: seats.seatsInUse - seats.licensedSeats,
    };
  });

  reload(): void {
    this.ref.reload();
  }
}
