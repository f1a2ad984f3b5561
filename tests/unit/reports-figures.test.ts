import { describe, expect, it } from "vitest";
import { formatCount, formatDays, formatDollars, formatHoursFigure, formatPercent, median, medianOfFrequencies, rate } from "@/lib/reports/figures";

// The dashboard's arithmetic against hand-computed figures.

describe("median", () => {
  it("is the middle value of an odd count, whatever the order", () => {
    expect(median([9, 1, 4])).toBe(4);
    expect(median([7])).toBe(7);
    expect(median([3, 3, 10, 1, 2])).toBe(3);
  });

  it("is the mean of the two middle values of an even count", () => {
    expect(median([1, 2, 3, 10])).toBe(2.5);
    expect(median([4, 8])).toBe(6);
    expect(median([0, 0, 1, 1])).toBe(0.5);
  });

  it("is nothing for no values (not zero)", () => {
    expect(median([])).toBeNull();
  });
});

describe("median of a frequency table (what the database's GROUP BY of days returns)", () => {
  it("matches the median of the values it stands for", () => {
    // 0,0,2,2,2,5,9 → 2
    expect(medianOfFrequencies([{ value: 5, count: 1 }, { value: 0, count: 2 }, { value: 2, count: 3 }, { value: 9, count: 1 }])).toBe(2);
    // 1,1,1,4,6,6 → (1 + 4) / 2
    expect(medianOfFrequencies([{ value: 6, count: 2 }, { value: 1, count: 3 }, { value: 4, count: 1 }])).toBe(2.5);
    // the two middle values in one row: 3,3,3,3 → 3
    expect(medianOfFrequencies([{ value: 3, count: 4 }])).toBe(3);
  });

  it("ignores rows counted zero times, and is nothing when nothing is counted", () => {
    expect(medianOfFrequencies([{ value: 100, count: 0 }, { value: 2, count: 1 }])).toBe(2);
    expect(medianOfFrequencies([{ value: 100, count: 0 }])).toBeNull();
    expect(medianOfFrequencies([])).toBeNull();
  });

  it("agrees with median on a spread of random tables", () => {
    for (let seed = 1; seed <= 50; seed += 1) {
      const table = Array.from({ length: 1 + (seed % 7) }, (_, i) => ({ value: (seed * 7 + i * 13) % 40, count: (seed + i) % 4 }));
      const expanded = table.flatMap((r) => Array<number>(r.count).fill(r.value));
      expect(medianOfFrequencies(table), JSON.stringify(table)).toBe(median(expanded));
    }
  });
});

describe("rates and how figures are written", () => {
  it("a rate is a share of a whole, and nothing without a whole", () => {
    expect(rate(3, 4)).toBe(0.75);
    expect(rate(0, 5)).toBe(0);
    expect(rate(0, 0)).toBeNull();
  });

  it("writes percentages whole, half up; days to one decimal; hours and dollars with cents", () => {
    expect(formatPercent(2 / 3)).toBe("67%");
    expect(formatPercent(0.125)).toBe("13%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatDays(4)).toBe("4");
    expect(formatDays(4.5)).toBe("4.5");
    expect(formatDays(10 / 3)).toBe("3.3");
    expect(formatHoursFigure(1325)).toBe("13.25");
    expect(formatDollars(331_250)).toBe("$3,312.50");
    expect(formatCount(12_345)).toBe("12,345");
  });
});
