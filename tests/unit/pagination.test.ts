import { describe, expect, it } from "vitest";
import { COUNT_CAP, PAGE_SIZE, toCappedPage } from "@/lib/pagination";

describe("capped counts", () => {
  const full = Array.from({ length: PAGE_SIZE }, (_, i) => i);

  it("gives an exact total and page count up to the cap", () => {
    expect(toCappedPage(full, 60, 1)).toMatchObject({ total: 60, pageCount: 3 });
    expect(toCappedPage(full, 60, 1).totalIsLowerBound).toBeUndefined();
  });

  it("says 'more than' past the cap, and keeps a next page while pages come back full", () => {
    const page = toCappedPage(full, COUNT_CAP + 1, 1);
    expect(page).toMatchObject({ total: COUNT_CAP, totalIsLowerBound: true, pageCount: COUNT_CAP / PAGE_SIZE });
    expect(toCappedPage(full, COUNT_CAP + 1, 60).pageCount).toBe(61);
    expect(toCappedPage([1, 2], COUNT_CAP + 1, 60).pageCount).toBe(60);
  });
});
