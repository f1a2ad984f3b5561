import { describe, expect, it } from "vitest";
import { hearingCalendar, hearingLocation } from "@/lib/vacatur/calendar";
import { documentFileName, renderDocument, type DocumentInput } from "@/lib/vacatur/documents";

/** The text drawn on the pages of an uncompressed pdfkit PDF (standard fonts draw hex strings in TJ arrays). */
function pdfText(pdf: Buffer): string {
  const source = pdf.toString("latin1");
  const lines: string[] = [];
  for (const match of source.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    lines.push([...match[1]!.matchAll(/<([0-9a-fA-F]+)>/g)].map((m) => Buffer.from(m[1]!, "hex").toString("latin1")).join(""));
  }
  return lines.join(" ").replace(/\s+/g, " ");
}

const misdemeanor: DocumentInput = {
  form: "petition",
  defendantName: "Robin Q. Example",
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
    const pdf = await renderDocument(misdemeanor, { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf);
    expect(text).toContain("DRAFT FOR ATTORNEY REVIEW. Follows CrRLJ 09.0100 (rev. 01/2022)");
    expect(text).toContain("City of Seattle, Plaintiff,");
    expect(text).toContain("Robin Q. Example, Defendant.");
    expect(text).toContain("No. SMC 615402");
    expect(text).toContain("Date of conviction: 2018-04-02");
    expect(text).toContain("Count 1: Prostitution (RCW 9A.88.030)");
    expect(text).toContain("Clearway does not draft this statement");
    expect(text).not.toMatch(/\[X\]|\[x\]|☒/);
    expect(documentFileName(misdemeanor)).toBe("DRAFT-CrRLJ-09.0100-SMC615402.pdf");
  });

  it("uses the CR 08.0900 / 08.0920 forms for a felony, with the State as plaintiff", async () => {
    const felony: DocumentInput = {
      form: "order",
      defendantName: "Robin Q. Example",
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
    const text = pdfText(await renderDocument(felony, { compress: false }));
    expect(text).toContain("Follows CR 08.0920 (rev. 07/2025)");
    expect(text).toContain("State of Washington, Plaintiff,");
    expect(text).toContain("Washington State Patrol Identification Section");
    expect(text).toContain("[ ] Count 1: Possessing stolen property 2");
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
