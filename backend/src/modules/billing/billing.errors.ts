import { DomainError } from '#src/common/errors/domain-error.js';

/** Billing problems with their own codes (license refusals are 422: well-formed but unacceptable). */
export class LicenseRejectedError extends DomainError {
  constructor(code: string, detail: string) {
    super(422, code, 'License refused', detail);
  }
}

export class SeatLimitError extends DomainError {
  constructor(limit: {
    plan: string;
    licensedSeats: number;
    graceSeats: number;
    seatsInUse: number;
  }) {
    super(
      403,
      'seat-limit-reached',
      'Seat limit reached',
      `The ${limit.plan} plan allows ${limit.licensedSeats} seats` +
        (limit.graceSeats > 0 ? ` plus a grace of ${limit.graceSeats}` : '') +
        `; ${limit.seatsInUse} are in use. Upload a license with more seats or revoke a device.`,
      { seatLimit: limit.licensedSeats + limit.graceSeats, ...limit },
    );
  }
}
