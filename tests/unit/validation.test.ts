import { describe, expect, it } from "vitest";
import { survivorFiltersSchema } from "@/lib/survivors/schema";
import { nulFieldErrors, NUL_FILTER_MESSAGE, NUL_MESSAGE, parseFilters } from "@/lib/validation";

describe("NUL characters", () => {
  it("are found anywhere in an input and named by the field that holds them", () => {
    expect(nulFieldErrors({ preferredName: "Ana\u0000", counts: [{ offense: "x\u0000" }], ok: "fine", n: 3 })).toEqual({
      preferredName: [NUL_MESSAGE],
      counts: [NUL_MESSAGE],
    });
    expect(nulFieldErrors({ a: "fine", b: ["fine"], c: null })).toBeNull();
    const cyclic: Record<string, unknown> = { name: "ok" };
    cyclic.self = cyclic;
    expect(nulFieldErrors(cyclic)).toBeNull();
  });

  it("in a list filter leave that filter out and say so next to it", () => {
    const { filters, fieldErrors } = parseFilters(survivorFiltersSchema, { q: "\u0000", status: "all" });
    expect(filters).toEqual({ q: undefined, status: "all", sort: "name" });
    expect(fieldErrors).toEqual({ q: [NUL_FILTER_MESSAGE] });
    expect(parseFilters(survivorFiltersSchema, { q: "CW-1" }).fieldErrors).toEqual({});
  });
});
