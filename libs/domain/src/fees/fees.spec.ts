import { perRequestUnitPrice, quoteFee } from './fees';

describe('quoteFee', () => {
  // docs/domain-rules.md "Fees": the statute's bands and its own example (150 pages = 70×10 + 50×20 = 1,700 yuan).
  it.each([
    [1, 0],
    [30, 0],
    [31, 10],
    [100, 700],
    [101, 720],
    [150, 1700],
    [200, 2700],
    [201, 2740],
    [250, 4700],
  ])('should charge %i pages %i yuan per volume', (pages, yuan) => {
    expect(quoteFee('per_volume', pages).amountYuan).toBe(yuan);
  });

  it('should itemise the bands of the statute example', () => {
    expect(quoteFee('per_volume', 150).bands.map((b) => [b.units, b.unitYuan])).toEqual([
      [30, 0],
      [70, 10],
      [50, 20],
    ]);
  });

  it.each([
    [1, 0],
    [10, 0],
    [11, 100],
    [30, 100],
    [31, 200],
    [40, 200],
    [41, 300],
    [50, 300],
    [51, 400],
  ])('should price the %i-th request of the month at %i yuan', (ordinal, yuan) => {
    expect(perRequestUnitPrice(ordinal)).toBe(yuan);
    expect(quoteFee('per_request', ordinal).amountYuan).toBe(yuan);
  });

  it.each([0, -1, 1.5])('should refuse a quantity of %p', (q) => {
    expect(() => quoteFee('per_volume', q)).toThrow(expect.objectContaining({ code: 'VALIDATION.FAILED' }));
  });
});
