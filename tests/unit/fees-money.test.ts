import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertCents, centsAsDecimal, formatCents, parseDollars, shareOf, splitCents } from "@/lib/fees/money";

// Money is whole cents; a split always adds back up to what was split, by the project's written rounding rule.

describe("whole cents", () => {
  it("accepts safe integers, corrections included, and nothing else", () => {
    for (const ok of [0, 1, -1, 150_000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]) expect(() => assertCents(ok)).not.toThrow();
    for (const bad of [0.5, Number.NaN, Infinity, Number.MAX_SAFE_INTEGER + 1, "100", null]) expect(() => assertCents(bad), String(bad)).toThrow(RangeError);
  });

  it("keeps the amount out of the error message", () => {
    expect(() => assertCents(123.45)).toThrow("An amount must be a whole number of cents.");
  });
});

describe("dollars typed into a form", () => {
  it("reads the ways people write an amount", () => {
    expect(parseDollars("1500")).toBe(150_000);
    expect(parseDollars("1,500")).toBe(150_000);
    expect(parseDollars("$1,500.00")).toBe(150_000);
    expect(parseDollars("833.33")).toBe(83_333);
    expect(parseDollars(" 50 ")).toBe(5_000);
    expect(parseDollars("$ 50")).toBe(5_000);
    expect(parseDollars("0.5")).toBe(50);
    expect(parseDollars(".05")).toBe(5);
    expect(parseDollars("0")).toBe(0);
    expect(parseDollars("1,234,567.89")).toBe(123_456_789);
    expect(parseDollars("90071992547409.91")).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("refuses anything that is not a non-negative amount to the cent", () => {
    for (const bad of ["", "   ", "$", "abc", "12a", "1.234", "833.333", "-5", "-$5", "$-5", "NaN", "Infinity", "1,50", "15,00.00", "1,5000", ",500", "1.", "1e3", "1 500", "90071992547409.92", "99999999999999999999"]) {
      expect(parseDollars(bad), bad).toBeNull();
    }
  });
});

describe("formatting cents", () => {
  it("for people, in US dollars", () => {
    expect(formatCents(150_000)).toBe("$1,500.00");
    expect(formatCents(-1_205)).toBe("-$12.05");
    expect(formatCents(0)).toBe("$0.00");
    expect(formatCents(-0)).toBe("$0.00");
    expect(formatCents(7)).toBe("$0.07");
    expect(formatCents(Number.MAX_SAFE_INTEGER)).toBe("$90,071,992,547,409.91");
  });

  it("for a spreadsheet, without symbol or separators", () => {
    expect(centsAsDecimal(150_000)).toBe("1500.00");
    expect(centsAsDecimal(-1_205)).toBe("-12.05");
    expect(centsAsDecimal(3)).toBe("0.03");
    expect(centsAsDecimal(Number.MAX_SAFE_INTEGER)).toBe("90071992547409.91");
  });

  it("round-trips through the form", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (cents) => parseDollars(formatCents(cents)) === cents && parseDollars(centsAsDecimal(cents)) === cents));
  });
});

describe("splitting cents by basis points", () => {
  const halves = [
    { key: "first", basisPoints: 5_000 },
    { key: "second", basisPoints: 5_000 },
  ] as const;
  const thirds = [
    { key: "a", basisPoints: 3_334 },
    { key: "b", basisPoints: 3_333 },
    { key: "c", basisPoints: 3_333 },
  ] as const;

  it("gives each part its share rounded down, then the leftover cents to the largest remainders", () => {
    // 100 cents by 33.34/33.33/33.33%: 33.34 → 33, 33.33 → 33, 33.33 → 33; 1 left, to a (remainder .34).
    expect(splitCents(100, thirds)).toEqual([
      { key: "a", cents: 34 },
      { key: "b", cents: 33 },
      { key: "c", cents: 33 },
    ]);
    // 2 cents: exact shares .6668, .6666, .6666, all round down to 0; 2 left: a (largest), then b over c (a tie, b is listed first).
    expect(splitCents(2, thirds).map((p) => p.cents)).toEqual([1, 1, 0]);
  });

  it("breaks a tie by the order the parts are listed in", () => {
    expect(splitCents(1, halves)).toEqual([
      { key: "first", cents: 1 },
      { key: "second", cents: 0 },
    ]);
    expect(splitCents(1, [...halves].reverse()).map((p) => p.key + ":" + p.cents)).toEqual(["second:1", "first:0"]);
  });

  it("splits a refund as the negation of the split of its size", () => {
    expect(splitCents(-1, halves).map((p) => p.cents)).toEqual([-1, 0]);
    expect(splitCents(-100, thirds).map((p) => p.cents)).toEqual([-34, -33, -33]);
    expect(Object.is(splitCents(-1, halves)[1]!.cents, 0)).toBe(true); // not -0
  });

  it("never gives a cent to a part with no share", () => {
    expect(splitCents(1, [{ key: "none", basisPoints: 0 }, ...halves]).map((p) => p.cents)).toEqual([0, 1, 0]);
  });

  it("refuses basis points that are not whole, are negative, or do not add up to exactly 10,000", () => {
    expect(() => splitCents(100, [])).toThrow(RangeError);
    expect(() => splitCents(100, [{ key: "a", basisPoints: 9_999 }])).toThrow("exactly 10,000");
    expect(() => splitCents(100, [{ key: "a", basisPoints: 10_001 }])).toThrow(RangeError);
    expect(() => splitCents(100, [{ key: "a", basisPoints: 10_500 }, { key: "b", basisPoints: -500 }])).toThrow("none negative");
    expect(() => splitCents(100, [{ key: "a", basisPoints: 4_999.5 }, { key: "b", basisPoints: 5_000.5 }])).toThrow(RangeError);
    expect(() => splitCents(0.5, halves)).toThrow(RangeError);
  });

  it("is exact where floating point would not be", () => {
    // 9,007,199,254,740,991 × 3,333 overflows 2^53. Rounded down: …646 (remainder .3994), …172 (.3003), …172 (.3003);
    // the one cent left goes to a.
    const parts = splitCents(Number.MAX_SAFE_INTEGER, thirds).map((p) => p.cents);
    expect(parts).toEqual([3_003_000_231_530_647, 3_002_099_511_605_172, 3_002_099_511_605_172]);
    expect(BigInt(parts[0]!) + BigInt(parts[1]!) + BigInt(parts[2]!)).toBe(BigInt(Number.MAX_SAFE_INTEGER));
  });

  // Random basis-point vectors that add up to 10,000: cut points in 0..10,000, sorted; zero-width parts allowed.
  const basisPointVectors = fc
    .array(fc.integer({ min: 0, max: 10_000 }), { minLength: 0, maxLength: 11 })
    .map((cuts) => {
      const sorted = [0, ...cuts.sort((a, b) => a - b), 10_000];
      return sorted.slice(1).map((end, i) => ({ key: `k${i}`, basisPoints: end - sorted[i]! }));
    });
  const totals = fc.oneof(
    fc.constantFrom(0, 1, -1, 2, 3, 1_000_000_000_000, -1_000_000_000_000),
    fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }),
    fc.integer({ min: -100, max: 100 }),
  );

  it("always adds up to the total, in whole cents, each within a cent of its exact share", () => {
    fc.assert(
      fc.property(totals, basisPointVectors, (total, parts) => {
        const split = splitCents(total, parts);
        expect(split.map((p) => p.key)).toEqual(parts.map((p) => p.key));
        expect(split.every((p) => Number.isSafeInteger(p.cents))).toBe(true);
        expect(split.reduce((sum, p) => sum + p.cents, 0)).toBe(total);
        split.forEach((p, i) => {
          // |part − total × bp / 10,000| < 1, in integers: |part × 10,000 − total × bp| < 10,000.
          const gap = BigInt(p.cents) * 10_000n - BigInt(total) * BigInt(parts[i]!.basisPoints);
          expect(gap < 10_000n && gap > -10_000n).toBe(true);
          // The rounding goes the same way for a refund as for a payment.
          expect(Math.sign(p.cents) === 0 || Math.sign(p.cents) === Math.sign(total)).toBe(true);
        });
        expect(splitCents(-total, parts).map((p) => p.cents)).toEqual(split.map((p) => (p.cents === 0 ? 0 : -p.cents)));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("rates", () => {
  it("are a plain quotient, and null with nothing to divide by", () => {
    expect(shareOf(1, 4)).toBe(0.25);
    expect(shareOf(0, 4)).toBe(0);
    expect(shareOf(0, 0)).toBeNull();
    expect(shareOf(5, 0)).toBeNull();
  });
});
