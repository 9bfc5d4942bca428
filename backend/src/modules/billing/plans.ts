/** Plans and the money arithmetic of invoices; integer minor units throughout (cents, kopecks). */
export const PAID_PLANS = ['team', 'business', 'enterprise'] as const;
export type PaidPlan = (typeof PAID_PLANS)[number];
export type Plan = 'free' | PaidPlan;

export interface PlanTerms {
  plan: Plan;
  /** Price of one seat for one month, in minor units of the currency. */
  pricePerSeatMinor: number;
  currency: string;
}

export const PLANS: Record<Plan, PlanTerms> = {
  free: { plan: 'free', pricePerSeatMinor: 0, currency: 'EUR' },
  team: { plan: 'team', pricePerSeatMinor: 400, currency: 'EUR' },
  business: { plan: 'business', pricePerSeatMinor: 700, currency: 'EUR' },
  enterprise: { plan: 'enterprise', pricePerSeatMinor: 1_100, currency: 'EUR' },
};

/**
 * Seats allowed over the licensed number before enrollment is refused: 5 %, rounded down, so none
 * below 20 seats (a 10-seat license refuses the 11th), 1 at 20-39, 5 at 100.
 */
export function seatGrace(seats: number): number {
  return Math.floor(seats / 20);
}

/**
 * Tax on a net amount, rounded half up to a whole minor unit: rate in basis points (1900 = 19 %),
 * so net x rate / 10,000 is exact in integers and the half is decided without floating point.
 */
export function taxMinor(netMinor: number, rateBasisPoints: number): number {
  return Math.floor((netMinor * rateBasisPoints + 5_000) / 10_000);
}

export interface InvoiceAmounts {
  netMinor: number;
  taxMinor: number;
  totalMinor: number;
}

export function invoiceAmounts(
  seats: number,
  pricePerSeatMinor: number,
  rateBasisPoints: number,
): InvoiceAmounts {
  const net = seats * pricePerSeatMinor;
  const tax = taxMinor(net, rateBasisPoints);
  return { netMinor: net, taxMinor: tax, totalMinor: net + tax };
}
