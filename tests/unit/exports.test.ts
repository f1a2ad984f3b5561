import { describe, expect, it } from "vitest";
import { exportHref } from "@/app/_components/export-link";
import { csvDateTime, datedFilename } from "@/lib/exports/csv";
import { SurvivorIdList } from "@/lib/exports/audit";

describe("the Download CSV link", () => {
  it("carries the list's filter and leaves out its place in the list", () => {
    expect(exportHref("/survivors/export", { status: "all", county: "King", q: "ana", page: "3", sort: "" })).toBe("/survivors/export?status=all&county=King&q=ana");
    expect(exportHref("/admin/audit/export", { user: undefined, before: "120", after: "90" })).toBe("/admin/audit/export");
  });
});

describe("dates in CSV files", () => {
  it("writes instants as Pacific wall-clock time, across daylight saving", () => {
    expect(csvDateTime(new Date("2026-01-15T17:30:00Z"))).toBe("2026-01-15 09:30");
    expect(csvDateTime(new Date("2026-07-01T06:59:00Z"))).toBe("2026-06-30 23:59");
    expect(csvDateTime(null)).toBe("");
  });

  it("names the file with the Pacific date, not UTC's", () => {
    expect(datedFilename("caseload", new Date("2026-03-15T06:30:00Z"))).toBe("caseload_2026-03-14.csv");
  });
});

describe("the survivors an export included", () => {
  it("keeps each id in 16 bytes, gives them back in slices, and skips a repeat that follows itself", () => {
    const list = new SurvivorIdList();
    const ids = Array.from({ length: 2500 }, (_, i) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`);
    for (const id of ids) {
      list.add(id);
      list.add(id);
    }
    expect(list.size).toBe(2500);
    const slices = [...list.slices(1000)];
    expect(slices).toHaveLength(3);
    expect(slices.flatMap((s) => s.slice(1, -1).split(","))).toEqual(ids);
    expect(() => list.add("'); drop table survivors; --")).toThrow();
  });
});
