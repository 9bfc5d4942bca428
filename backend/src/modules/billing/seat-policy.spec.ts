import { EnrollmentChecks } from '../agent/enrollment-checks.js';
import type { BillingRepository } from './billing.repository.js';
import type { Entitlement, EntitlementService } from './entitlement.service.js';
import { SeatLimitError } from './billing.errors.js';
import { SeatPolicy } from './seat-policy.js';

/** Strict fakes: any call the policy should not make throws. Asked as enrollment asks it. */
function policy(state: { inUse: number; hasSeat: boolean; entitlement: Entitlement }) {
  const repository = {
    employeeHasSeat: () => Promise.resolve(state.hasSeat),
    seatsInUse: () => Promise.resolve(state.inUse),
  } as unknown as BillingRepository;
  const entitlements = {
    current: () => Promise.resolve(state.entitlement),
  } as unknown as EntitlementService;
  const checks = new EnrollmentChecks();
  new SeatPolicy(repository, entitlements, checks).onModuleInit();
  return checks;
}

const licensed = (seats: number, graceSeats: number): Entitlement => ({
  plan: 'team',
  seats,
  graceSeats,
  licenseId: 'lic',
  validUntil: new Date('2099-01-01T00:00:00Z'),
});

describe('SeatPolicy', () => {
  it('refuses nothing without a license (evaluation mode)', async () => {
    const free: Entitlement = {
      plan: 'free',
      seats: 5,
      graceSeats: 0,
      licenseId: null,
      validUntil: null,
    };
    await expect(
      policy({ inUse: 40, hasSeat: false, entitlement: free }).assertCanEnroll('o', 'e'),
    ).resolves.toBeUndefined();
  });

  it('allows the last licensed seat and refuses the next one without grace', async () => {
    await expect(
      policy({ inUse: 9, hasSeat: false, entitlement: licensed(10, 0) }).assertCanEnroll('o', 'e'),
    ).resolves.toBeUndefined();
    await expect(
      policy({ inUse: 10, hasSeat: false, entitlement: licensed(10, 0) }).assertCanEnroll('o', 'e'),
    ).rejects.toBeInstanceOf(SeatLimitError);
  });

  it('allows the grace seats, then refuses with the limit named', async () => {
    await expect(
      policy({ inUse: 20, hasSeat: false, entitlement: licensed(20, 1) }).assertCanEnroll('o', 'e'),
    ).resolves.toBeUndefined();
    const error = await policy({ inUse: 21, hasSeat: false, entitlement: licensed(20, 1) })
      .assertCanEnroll('o', 'e')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeatLimitError);
    expect((error as SeatLimitError).status).toBe(403);
    expect((error as SeatLimitError).extra).toMatchObject({ seatLimit: 21, seatsInUse: 21 });
    expect((error as SeatLimitError).detail).toContain('20 seats plus a grace of 1');
  });

  it('lets an employee who holds a seat add a device even when the organization is full', async () => {
    await expect(
      policy({ inUse: 50, hasSeat: true, entitlement: licensed(10, 0) }).assertCanEnroll('o', 'e'),
    ).resolves.toBeUndefined();
  });
});
