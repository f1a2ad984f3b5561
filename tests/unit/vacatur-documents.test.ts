import { describe, expect, it } from "vitest";
import { hearingCalendar, hearingLocation } from "@/lib/vacatur/calendar";
import { documentFileName, renderDocument, type DocumentInput } from "@/lib/vacatur/documents";
import { fontRuns } from "@/lib/vacatur/documents-fonts";
import { courtDate, printable, statutoryBasis } from "@/lib/vacatur/documents-text";
import { pdfLines, pdfText } from "../support/pdf-text";

const misdemeanor: DocumentInput = {
  form: "petition",
  defendantName: "Robin Q. Example",
  aliases: [],
  conclusion: null,
  conviction: {
    courtType: "municipal",
    courtName: "Seattle Municipal Court",
    courtLocality: "Seattle",
    caseNumber: "SMC 615402",
    prosecutingAuthority: "city_attorney",
    prosecutingOffice: "Seattle City Attorney's Office",
    dispositionDate: "2018-04-02",
    counts: [{ count: 1, offense: "Prostitution", citation: "RCW 9A.88.030", offenseClass: "misdemeanor", category: "prostitution", enhancement: "none" }],
  },
};

describe("court document drafts", () => {
  it("lays out a CrRLJ 09.0100 petition filled from the matter, marked DRAFT, with elections and the statement left blank", async () => {
    const pdf = await renderDocument(misdemeanor);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(pdf);
    expect(text).toContain("DRAFT FOR ATTORNEY REVIEW. Follows CrRLJ 09.0100 (rev. 01/2022)");
    expect(text).toContain("Municipal Court of Washington for the City of Seattle");
    expect(text).toContain("City of Seattle, Plaintiff,");
    expect(text).toContain("Robin Q. Example, Defendant.");
    expect(text).toContain("No. SMC 615402");
    expect(text).toContain("Date of conviction: April 2, 2018");
    expect(text).toContain("Count 1: Prostitution (RCW 9A.88.030)");
    expect(text).toContain("Clearway does not draft this statement");
    expect(text).not.toMatch(/\[X\]|\[x\]|☒/);
    expect(documentFileName(misdemeanor)).toBe("DRAFT-CrRLJ-09.0100-SMC615402.pdf");
  });

  it("uses the CR 08.0900 / 08.0920 forms for a felony, with the State as plaintiff", async () => {
    const felony: DocumentInput = {
      ...misdemeanor,
      form: "order",
      conviction: {
        ...misdemeanor.conviction,
        courtType: "superior",
        courtName: "King County Superior Court",
        courtLocality: "King",
        caseNumber: "17-1-04412-8 SEA",
        prosecutingAuthority: "county_prosecutor",
        counts: [{ count: 1, offense: "Possessing stolen property 2", citation: "RCW 9A.56.160", offenseClass: "felony_c", category: "other", enhancement: "none" }],
      },
    };
    const text = await pdfText(await renderDocument(felony));
    expect(text).toContain("Follows CR 08.0920 (rev. 07/2025)");
    expect(text).toContain("State of Washington, Plaintiff,");
    expect(text).toContain("Washington State Patrol Identification Section");
    expect(text).toContain("[ ] Count 1: Possessing stolen property 2");
  });
});

describe("court document drafts: what the attorney recorded, in the court's style", () => {
  const named: DocumentInput = {
    ...misdemeanor,
    defendantName: "Łukasz Nguyễn 李小龍",
    aliases: ["Lukas Nguyen", "이민수"],
    conclusion: { conclusion: "eligible", route: "rcw_9_96_080" },
  };

  it("cites the route the attorney recorded as eligible, RCW 9.96.060(3) and 9.96.080, in the petition and the order", async () => {
    expect(await pdfText(await renderDocument(named))).toContain("vacate the conviction listed above under RCW 9.96.060(3), 9.96.080.");
    expect(await pdfText(await renderDocument({ ...named, form: "order" }))).toContain("Petition brought under RCW 9.96.060(3), 9.96.080.");
  });

  it("names each route's statute: RCW 9.96.060(2), 9.94A.640(3) with 9.94A.648, and 9.94A.640", () => {
    expect(statutoryBasis({ conclusion: "eligible", route: "rcw_9_96_060_2" })).toBe("RCW 9.96.060(2)");
    expect(statutoryBasis({ conclusion: "eligible", route: "rcw_9_94a_648" })).toBe("RCW 9.94A.640(3), 9.94A.648");
    expect(statutoryBasis({ conclusion: "eligible", route: "rcw_9_94a_640" })).toBe("RCW 9.94A.640");
  });

  it("leaves the basis blank for the attorney when no eligible conclusion with a route is recorded, never guessing", async () => {
    for (const conclusion of [null, { conclusion: null, route: null }, { conclusion: "needs_more", route: "rcw_9_96_080" }, { conclusion: "not_eligible", route: "rcw_9_96_080" }, { conclusion: "eligible", route: null }, { conclusion: "eligible", route: "none" }, { conclusion: "eligible", route: "no_such_route" }] as const) {
      expect(statutoryBasis(conclusion)).toBeNull();
    }
    const text = await pdfText(await renderDocument({ ...named, conclusion: { conclusion: "needs_more", route: "rcw_9_96_080" } }));
    expect(text).toMatch(/vacate the conviction listed above under _{10,} \(statutory basis: to be completed by the attorney\)\./);
    expect(text).not.toContain("9.96.060(3)");
    expect(text).not.toMatch(/DOMAIN|VERIFY|\.md\b/);
  });

  it("prints a name in Polish, Vietnamese and Chinese letters, and the aliases, exactly as typed", async () => {
    const lines = await pdfLines(await renderDocument(named));
    expect(lines).toContain("Łukasz Nguyễn 李小龍, Defendant.");
    expect(lines).toContain("Also known as: Lukas Nguyen; 이민수");
    // a name typed with combining accents prints as the same letters
    expect(await pdfLines(await renderDocument({ ...named, defendantName: "Łukasz Nguye\u0302\u0303n 李小龍" }))).toContain("Łukasz Nguyễn 李小龍, Defendant.");
    expect((await pdfText(await renderDocument(misdemeanor))).includes("Also known as")).toBe(false);
  });

  it("writes the conviction date as Washington courts do: April 2, 2018", async () => {
    expect(courtDate("2026-12-01")).toBe("December 1, 2026");
    expect(courtDate("2024-02-29")).toBe("February 29, 2024");
    expect(courtDate("2026-02-30")).toBe("2026-02-30");
    expect(await pdfLines(await renderDocument(named))).toContain("Date of conviction: April 2, 2018");
  });

  it("keeps each 'Date:' and 'WSBA No.:' on the line with its blank", async () => {
    for (const form of ["petition", "order"] as const) {
      const lines = await pdfLines(await renderDocument({ ...named, form }));
      const labelled = (label: string) => lines.filter((line) => line.includes(label));
      expect(labelled("Date:").length).toBeGreaterThan(0);
      for (const line of labelled("Date:")) expect(line).toMatch(/(^|\s)Date: _{10,}/);
      expect(labelled("WSBA").length).toBe(1);
      expect(labelled("WSBA")[0]).toMatch(/WSBA No\.: _{10,}/);
      expect(lines.filter((line) => /(Date|WSBA|No\.):?$/.test(line))).toEqual([]);
    }
  });

  it("prints a case number or name pasted with line breaks or control characters on one line", async () => {
    expect(printable("SMC\r\n615402\t")).toBe("SMC 615402");
    expect(printable("  Robin\u2028Q.\u0000 Example ")).toBe("Robin Q. Example");
    const lines = await pdfLines(
      await renderDocument({ ...named, defendantName: "Łukasz\nNguyễn 李小龍", conviction: { ...named.conviction, caseNumber: "SMC\n615402\r\n", courtName: "Seattle\nMunicipal Court" } }),
    );
    expect(lines).toContain("No. SMC 615402");
    expect(lines).toContain("Łukasz Nguyễn 李小龍, Defendant.");
    expect(documentFileName({ form: "petition", conviction: { ...named.conviction, caseNumber: "SMC\n615402" } })).toBe("DRAFT-CrRLJ-09.0100-SMC615402.pdf");
  });

  it("chooses the font per run: Noto Sans for Latin and Vietnamese, the CJK fonts for Chinese and Korean", () => {
    expect(fontRuns("Łukasz Nguyễn 李小龍, Defendant.")).toEqual([
      { face: "latin", text: "Łukasz Nguyễn " },
      { face: "han", text: "李小龍, " },
      { face: "latin", text: "Defendant." },
    ]);
    expect(fontRuns("이민수 (Lee)", true)).toEqual([
      { face: "hangul", text: "이민수 (" },
      { face: "latinBold", text: "Lee)" },
    ]);
  });
});

describe("hearing calendar files", () => {
  it("name the client code, court and place, never the survivor", () => {
    const ics = hearingCalendar({ id: "h1", startsAt: new Date("2026-12-02T17:30:00Z"), place: "Courtroom 1201", clientCode: "CW-2026-00012", court: "King County District Court" });
    expect(ics).toContain("BEGIN:VEVENT");
    expect(ics).toContain("DTSTART:20261202T173000Z");
    expect(ics).toContain("SUMMARY:Vacatur hearing (CW-2026-00012)");
    expect(ics).toContain("LOCATION:King County District Court\\, Courtroom 1201");
    expect(ics).toContain("CLASS:CONFIDENTIAL");
  });

  it("take a hearing the court continued without a date off the calendar, and say the new date is not set", () => {
    const ics = hearingCalendar({ id: "h3", startsAt: new Date("2026-12-02T17:30:00Z"), place: "Courtroom 1201", clientCode: "CW-2026-00012", court: "King County District Court", status: "continued", version: 2, continuedTo: null }).replace(/\r\n[ \t]/g, "");
    expect(ics).toContain("STATUS:CANCELLED");
    expect(ics).toContain("SUMMARY:Vacatur hearing (CW-2026-00012)\\, continued");
    expect(ics).toContain("has not set the new date yet");
    expect(ics).toContain("SEQUENCE:2");
  });

  it("say the court once when the place typed already begins with it", () => {
    const ics = hearingCalendar({ id: "h2", startsAt: new Date("2026-12-02T17:30:00Z"), place: "King County District Court, Seattle Courthouse", clientCode: "CW-2026-00012", court: "King County District Court" });
    expect(ics).toContain("LOCATION:King County District Court\\, Seattle Courthouse\r\n");
    expect(hearingLocation("King County District Court", "king county district court - Seattle Courthouse")).toBe("king county district court - Seattle Courthouse");
    expect(hearingLocation("King County District Court", "Seattle Courthouse, Courtroom 1201")).toBe("King County District Court, Seattle Courthouse, Courtroom 1201");
    // a place that merely starts like the court's name is a different place
    expect(hearingLocation("Kent Municipal Court", "Kent Municipal Courthouse, Room 2")).toBe("Kent Municipal Court, Kent Municipal Courthouse, Room 2");
    expect(hearingLocation(null, " Zoom link in the notice ")).toBe("Zoom link in the notice");
  });
});
