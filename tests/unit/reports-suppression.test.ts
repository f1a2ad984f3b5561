import { describe, expect, it } from "vitest";
import { ConfigError, loadEnv } from "@/lib/env";
import { suppress, suppressionThreshold, type Figure, type Split } from "@/lib/reports/suppression";
import { categoryTable, FigureBook, organizationTable } from "@/lib/reports/tables";

// Small-cell suppression against hand-worked tables. A Split is a figure's total and the reader's own
// organization's part of it; what is protected is the rest (the other organizations' people).

// Read before anything asks for the environment: the threshold comes from it.
process.env.CLEARWAY_SUPPRESSION_THRESHOLD = "7";

const count = (id: string, total: number, own = 0): Figure => ({ id, kind: "count", split: { total, own } });

describe("primary suppression", () => {
  it("hides 1 to 4 of other organizations' people, and shows 0, 5 or more, and the reader's own", () => {
    const hidden = suppress([count("three", 3), count("four-of-ten", 10, 6), count("own-three", 3, 3), count("five", 5), count("none", 0), count("one", 1)], [], 5);
    expect([...hidden.entries()].sort()).toEqual([
      ["four-of-ten", "small"],
      ["one", "small"],
      ["three", "small"],
    ]);
  });

  it("takes the threshold it is given", () => {
    const hidden = suppress([count("seven", 7), count("ten", 10), count("nine", 12, 3)], [], 10);
    expect([...hidden.keys()].sort()).toEqual(["nine", "seven"]);
  });

  it("hides a median or rate over 1 to 4 of other organizations' people", () => {
    const statistic = (id: string, people: Split): Figure => ({ id, kind: "statistic", people });
    const hidden = suppress([statistic("few", { total: 12, own: 9 }), statistic("own-only", { total: 2, own: 2 }), statistic("enough", { total: 5, own: 0 })], [], 5);
    expect([...hidden.keys()]).toEqual(["few"]);
  });
});

describe("complementary suppression", () => {
  it("a row with exactly one hidden cell hides the next smallest cell that holds other organizations' people, not a zero", () => {
    // other organizations' parts: x 2, y 7, z 6, w 0 (w is the reader's own 4); the total 15 is shown.
    // Hiding x alone would let it be worked out (15 − 7 − 6 − 0), so z (6, the smallest above zero) goes too.
    const figures = [count("x", 2), count("y", 7), count("z", 6), count("w", 4, 4), count("total", 19, 4)];
    const hidden = suppress(figures, [{ members: ["x", "y", "z", "w"], total: "total" }], 5);
    expect(Object.fromEntries(hidden)).toEqual({ x: "small", z: "complementary" });
  });

  it("keeps hiding while the hidden cells add up to fewer than the threshold", () => {
    // x 1 and y 2 are hidden, but together they are 3: z (9) is hidden too; the total (12) stays.
    const hidden = suppress([count("x", 1), count("y", 2), count("z", 9), count("total", 12)], [{ members: ["x", "y", "z"], total: "total" }], 5);
    expect(Object.fromEntries(hidden)).toEqual({ x: "small", y: "small", z: "complementary" });
  });

  it("stops once the hidden cells add up to the threshold or more", () => {
    const hidden = suppress([count("x", 3), count("y", 2), count("z", 9), count("total", 14)], [{ members: ["x", "y", "z"], total: "total" }], 5);
    expect(Object.fromEntries(hidden)).toEqual({ x: "small", y: "small" });
  });

  it("hides the total when no other cell can hide the small one", () => {
    // A listing that leaves some of the total out (only x and the reader's own w are listed).
    const hidden = suppress([count("x", 2), count("w", 3, 3), count("total", 12, 3)], [{ members: ["x", "w"], total: "total" }], 5);
    expect(Object.fromEntries(hidden)).toEqual({ x: "small", total: "complementary" });
  });

  it("protects a hidden cell in every sum it belongs to", () => {
    // x (2) is both a gender and an age: the rest of each sum would give it away, so each sum hides its
    // next smallest cell (a1 8 among the genders, b1 9 among the ages); b2 and the totals stay.
    const figures = [count("x", 2), count("a1", 8), count("genders", 10), count("b1", 9), count("b2", 30), count("ages", 41)];
    const relations = [
      { members: ["x", "a1"], total: "genders" },
      { members: ["x", "b1", "b2"], total: "ages" },
    ];
    expect(Object.fromEntries(suppress(figures, relations, 5))).toEqual({ x: "small", a1: "complementary", b1: "complementary" });
  });

  it("does not leave a hidden total to be added up from its shown members in another sum", () => {
    // Other organizations' referrals: 57 sent = 20 waiting + 20 accepted + 2 withdrawn + 15 declined, and the
    // 15 declined = 8 for no capacity + 7 for other reasons. Withdrawn (2) is small; declined (15) hides it
    // among the statuses; but 8 + 7 would give declined back, and with it 57 − 20 − 20 − 15 = 2. So one
    // reason (the smaller, 7) is hidden too, and nothing is left that one sum alone reveals.
    const figures = [count("sent", 57), count("waiting", 20), count("accepted", 20), count("withdrawn", 2), count("declined", 15), count("noCapacity", 8), count("otherReason", 7)];
    const relations = [
      { members: ["waiting", "accepted", "withdrawn", "declined"], total: "sent" },
      { members: ["noCapacity", "otherReason"], total: "declined" },
    ];
    expect(Object.fromEntries(suppress(figures, relations, 5))).toEqual({ withdrawn: "small", declined: "complementary", otherReason: "complementary" });
  });

  it("hides a second member under a shown total even when the one hidden is not small itself", () => {
    // b (9) is hidden to protect a (2) in its row; in a second sum it is the only hidden member, so
    // under a shown total (42) it would be 42 − 12 − 21: d goes too. With that total shown nowhere, nothing does.
    const figures = [count("a", 2), count("b", 9), count("row", 11), count("d", 12), count("e", 21)];
    const relations = [
      { members: ["a", "b"], total: "row" },
      { members: ["b", "d", "e"], total: null },
    ];
    expect(Object.fromEntries(suppress(figures, relations, 5))).toEqual({ a: "small", b: "complementary" });
    const withTotal = suppress([...figures, count("all", 42)], [relations[0]!, { members: ["b", "d", "e"], total: "all" }], 5);
    expect(Object.fromEntries(withTotal)).toEqual({ a: "small", b: "complementary", d: "complementary" });
  });

  it("refuses a sum that names something that is not a count", () => {
    expect(() => suppress([count("x", 2)], [{ members: ["x", "missing"], total: null }], 5)).toThrow(/missing/);
  });
});

describe("counts of records decide on the people behind them", () => {
  const records = (id: string, total: number, own: number, people: Split): Figure => ({ id, kind: "count", split: { total, own }, people });

  it("hides 6 referrals of 2 people of other organizations, and shows 6 referrals of 5 people", () => {
    // people's total − own is the other organizations' distinct survivors
    const hidden = suppress([records("two-people", 6, 0, { total: 2, own: 0 }), records("five-people", 6, 0, { total: 5, own: 0 }), records("own", 3, 3, { total: 1, own: 1 })], [], 5);
    expect(Object.fromEntries(hidden)).toEqual({ "two-people": "small" });
  });

  it("one survivor with 5 referrals under a shown total is hidden with a complement; the own organization's stay exact", () => {
    const book = new FigureBook()
      .count("sent", { total: 20, own: 8 }, { total: 10, own: 4 })
      .count("legal", { total: 5, own: 0 }, { total: 1, own: 0 })
      .count("housing", { total: 7, own: 0 }, { total: 5, own: 0 })
      .count("own-only", { total: 8, own: 8 }, { total: 4, own: 4 })
      .relate(["legal", "housing", "own-only"], "sent")
      .seal(5);
    const cells = (id: string) => (["own", "others", "all"] as const).map((c) => book.cell(id, c).text);
    expect(cells("legal")).toEqual(["0", "fewer than 5", "fewer than 5"]);
    expect(cells("housing")).toEqual(["0", "not shown", "not shown"]);
    expect(cells("own-only")).toEqual(["8", "0", "8"]);
    expect(cells("sent")).toEqual(["8", "12", "20"]);
  });

  it("hides hidden cells that add up to many records of few people: the sum is judged on people too", () => {
    // x and y (3 referrals each, of 2 people each) are hidden; their 6 referrals can be worked out from
    // the total, but cover 4 people: z goes too.
    const figures = [records("x", 3, 0, { total: 2, own: 0 }), records("y", 3, 0, { total: 2, own: 0 }), records("z", 9, 0, { total: 6, own: 0 }), records("total", 15, 0, { total: 10, own: 0 })];
    expect(Object.fromEntries(suppress(figures, [{ members: ["x", "y", "z"], total: "total" }], 5))).toEqual({ x: "small", y: "small", z: "complementary" });
  });

  it("hides convictions vacated whenever the granted matters behind them are of fewer than 5 people", () => {
    // 3 granted matters of 3 survivors of other organizations, 7 convictions vacated among them
    const granted = { total: 3, own: 0 };
    const book = new FigureBook()
      .count("orders", { total: 12, own: 0 }, { total: 12, own: 0 })
      .count("granted", { total: 3, own: 0 }, granted)
      .count("denied", { total: 9, own: 0 }, { total: 9, own: 0 })
      .relate(["granted", "denied"], "orders")
      .count("vacated", { total: 7, own: 0 }, granted)
      .seal(5);
    expect(book.isHidden("granted")).toBe(true);
    expect(book.cell("vacated", "others").text).toBe("fewer than 5");
    expect(book.cell("vacated", "all").text).toBe("fewer than 5");
    // the reader's own convictions stay exact
    const own = new FigureBook().count("vacated", { total: 7, own: 7 }, { total: 2, own: 2 }).seal(5);
    expect(own.cell("vacated", "own").text).toBe("7");
    expect(own.cell("vacated", "all").text).toBe("7");
  });
});

describe("what a lead reads", () => {
  it("shows own numbers exactly (linked), and others' small ones as 'fewer than 5', the complements as 'not shown'", () => {
    const book = new FigureBook()
      .count("served", { total: 46, own: 34 })
      .count("woman", { total: 13, own: 6 })
      .count("nonbinary", { total: 10, own: 7 })
      .count("man", { total: 23, own: 21 })
      .relate(["woman", "nonbinary", "man"], "served")
      .seal(5);
    const table = categoryTable(book, "partnership", {
      id: "gender",
      title: "Gender",
      caption: "People served by gender",
      rowHeader: "Gender",
      valueLabel: "People",
      chart: "bars",
      note: null,
      rows: [
        { key: "woman", label: "Woman", figure: "woman", href: "/survivors?x=1" },
        { key: "nonbinary", label: "Nonbinary", figure: "nonbinary" },
        { key: "man", label: "Man", figure: "man" },
      ],
      total: { key: "total", label: "Total", figure: "served" },
    });
    expect(table.columns).toEqual(["Your organization", "Other organizations", "Partnership"]);
    const texts = (i: number) => table.rows[i]!.cells.map((c) => c.text);
    // others: woman 7, nonbinary 3 (small), man 2 (small): 3 + 2 = 5 is enough, woman stays.
    expect(texts(0)).toEqual(["6", "7", "13"]);
    expect(texts(1)).toEqual(["7", "fewer than 5", "not shown"]);
    expect(texts(2)).toEqual(["21", "fewer than 5", "not shown"]);
    expect(table.total!.cells.map((c) => c.text)).toEqual(["34", "12", "46"]);
    expect(table.rows[0]!.cells.map((c) => c.href)).toEqual(["/survivors?x=1", null, null]);
    expect(table.rows[1]!.cells[1]).toMatchObject({ value: null, hidden: true });
  });

  it("in the reader's own scope shows one column of their own numbers", () => {
    const book = new FigureBook().count("a", { total: 3, own: 3 }).seal(5);
    const table = categoryTable(book, "organization", { id: "t", title: "T", caption: "C", rowHeader: "R", valueLabel: "People", chart: null, note: null, rows: [{ key: "a", label: "A", figure: "a" }] });
    expect(table.columns).toEqual(["People"]);
    expect(table.rows[0]!.cells.map((c) => c.text)).toEqual(["3"]);
  });

  it("per organization, another organization's 3 reads 'fewer than 5' and the complement 'not shown'; the reader's own is exact", () => {
    const book = new FigureBook()
      .count("mine", { total: 33, own: 33 })
      .count("youth", { total: 3, own: 0 })
      .count("shelter", { total: 9, own: 0 })
      .count("all", { total: 45, own: 33 })
      .relate(["mine", "youth", "shelter"], "all")
      .seal(5);
    const table = organizationTable(book, {
      id: "caseload",
      title: "Caseload",
      caption: "Active survivors",
      rowHeader: "Organization",
      valueLabels: ["Active survivors"],
      formats: ["count"],
      chart: "bars",
      note: null,
      rows: [
        { key: "mine", label: "Mine", figures: ["mine"], href: "/survivors" },
        { key: "youth", label: "Youth", figures: ["youth"] },
        { key: "shelter", label: "Shelter", figures: ["shelter"] },
      ],
      total: { key: "total", label: "Total", figures: ["all"] },
    });
    expect(table.rows.map((r) => r.cells[0]!.text)).toEqual(["33", "fewer than 5", "not shown"]);
    expect(table.rows[0]!.cells[0]!.href).toBe("/survivors");
    expect(table.total!.cells[0]!.text).toBe("45");
  });

  it("writes a hidden median or rate as 'too few to show'", () => {
    const book = new FigureBook().statistic("rate", { people: { total: 6, own: 4 }, own: 0.5, others: 1, all: 4 / 6 }).seal(5);
    const table = categoryTable(book, "partnership", { id: "t", title: "T", caption: "C", rowHeader: "R", valueLabel: "", chart: null, note: null, format: "percent", rows: [{ key: "r", label: "Rate", figure: "rate" }] });
    expect(table.rows[0]!.cells.map((c) => c.text)).toEqual(["50%", "too few to show", "too few to show"]);
  });
});

describe("the threshold is configurable", () => {
  it("comes from CLEARWAY_SUPPRESSION_THRESHOLD (default 5, at least 2)", () => {
    const base = { CLEARWAY_DATA_DIR: "memory://" };
    expect(loadEnv(base).suppressionThreshold).toBe(5);
    expect(loadEnv({ ...base, CLEARWAY_SUPPRESSION_THRESHOLD: "11" }).suppressionThreshold).toBe(11);
    expect(() => loadEnv({ ...base, CLEARWAY_SUPPRESSION_THRESHOLD: "1" })).toThrow(ConfigError);
    expect(() => loadEnv({ ...base, CLEARWAY_SUPPRESSION_THRESHOLD: "five" })).toThrow(ConfigError);
  });

  it("and the reports read it from the environment", () => {
    expect(suppressionThreshold()).toBe(7);
    const book = new FigureBook().count("six", { total: 6, own: 0 }).seal(suppressionThreshold());
    expect(book.cell("six", "others").text).toBe("fewer than 7");
  });
});
