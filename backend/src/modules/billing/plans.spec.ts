import { invoiceAmounts, seatGrace, taxMinor } from './plans.js';

describe('invoice arithmetic', () => {
  it('rounds tax half up to a whole minor unit', () => {
    // 1050 x 19 % = 199.5 -> 200; 1049 x 19 % = 199.31 -> 199; 1055 x 10 % = 105.5 -> 106
    expect(taxMinor(1050, 1900)).toBe(200);
    expect(taxMinor(1049, 1900)).toBe(199);
    expect(taxMinor(1055, 1000)).toBe(106);
    expect(taxMinor(1054, 1000)).toBe(105);
    expect(taxMinor(0, 2000)).toBe(0);
    expect(taxMinor(2800, 0)).toBe(0);
  });

  it('stays exact for large amounts', () => {
    expect(taxMinor(999_999_999, 2000)).toBe(200_000_000);
    expect(invoiceAmounts(100_000, 1_100, 2_500)).toEqual({
      netMinor: 110_000_000,
      taxMinor: 27_500_000,
      totalMinor: 137_500_000,
    });
  });

  it('multiplies seats by the price and adds the tax line', () => {
    expect(invoiceAmounts(7, 400, 1900)).toEqual({
      netMinor: 2800,
      taxMinor: 532,
      totalMinor: 3332,
    });
    expect(invoiceAmounts(3, 350, 1950)).toEqual({
      netMinor: 1050,
      taxMinor: 205,
      totalMinor: 1255,
    });
  });

  it('grants 5 % grace seats, rounded down', () => {
    expect([5, 10, 19, 20, 39, 40, 100].map(seatGrace)).toEqual([0, 0, 0, 1, 1, 2, 5]);
  });
});
