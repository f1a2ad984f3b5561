import PDFDocument from "pdfkit";
import type { ConvictionItem } from "./queries/court-records";
import { COURT_TYPE_LABELS, OFFENSE_CLASS_LABELS } from "./constants";
import { PATTERN_FORMS, isCrRLJ } from "./documents-meta";

// Draft court documents laid out after the Washington pattern forms' sections (DOMAIN.md §2.1), filled
// from the matter: caption, court, case number, names, conviction date and counts. Every page says
// DRAFT for attorney review and names the form and revision it follows. Elections, the sworn statement,
// signatures and dates are left blank for the survivor and attorney: Clearway never checks a legal
// election or writes the sworn narrative.

export type DocumentInput = {
  form: "petition" | "order";
  conviction: Pick<ConvictionItem, "courtType" | "courtName" | "courtLocality" | "caseNumber" | "prosecutingAuthority" | "prosecutingOffice" | "counts" | "dispositionDate">;
  defendantName: string;
};

function formFor(input: Pick<DocumentInput, "form" | "conviction">) {
  return PATTERN_FORMS[isCrRLJ(input.conviction.counts) ? "misdemeanor" : "felony"][input.form];
}

export function documentFileName(input: Pick<DocumentInput, "form" | "conviction">): string {
  return `DRAFT-${formFor(input).number.replace(/\s+/g, "-")}-${input.conviction.caseNumber.replace(/[^A-Za-z0-9-]/g, "")}.pdf`;
}

function plaintiff(conviction: DocumentInput["conviction"]): string {
  return conviction.prosecutingAuthority === "city_attorney" ? `City of ${conviction.courtLocality}` : "State of Washington";
}

function courtHeading(conviction: DocumentInput["conviction"]): string {
  const type = COURT_TYPE_LABELS[conviction.courtType];
  const where = conviction.courtType === "municipal" ? `the City of ${conviction.courtLocality}` : `${conviction.courtLocality.replace(/ County$/i, "")} County`;
  return `${type} of Washington for ${where} (${conviction.courtName})`;
}

const BLANK = "______________________________";

/** Renders the draft and resolves with the PDF bytes. `compress: false` keeps the text readable (tests). */
export function renderDocument(input: DocumentInput, options: { compress?: boolean } = {}): Promise<Buffer> {
  const form = formFor(input);
  const { conviction } = input;
  const doc = new PDFDocument({
    size: "LETTER",
    margins: { top: 72, bottom: 72, left: 72, right: 72 },
    bufferPages: true,
    compress: options.compress ?? true,
    info: { Title: `DRAFT ${form.number} ${form.title}`, Subject: `Follows ${form.number} (rev. ${form.revision}); draft for attorney review`, Creator: "Clearway" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const heading = (text: string) => doc.moveDown(0.8).font("Helvetica-Bold").fontSize(11).text(text).font("Helvetica").fontSize(10).moveDown(0.3);
  const para = (text: string) => doc.font("Helvetica").fontSize(10).text(text, { align: "left" }).moveDown(0.3);

  doc.font("Helvetica-Bold").fontSize(10).fillColor("#b91c1c").text(`DRAFT FOR ATTORNEY REVIEW. Follows ${form.number} (rev. ${form.revision}). Transfer to the court's current official form before filing.`, { align: "center" });
  doc.fillColor("black").moveDown(1);

  // Caption
  doc.font("Helvetica-Bold").fontSize(12).text(courtHeading(conviction), { align: "center" }).moveDown(0.8);
  doc.font("Helvetica").fontSize(10);
  para(`${plaintiff(conviction)}, Plaintiff,`);
  para("v.");
  para(`${input.defendantName}, Defendant.`);
  para(`No. ${conviction.caseNumber}`);
  doc.font("Helvetica-Bold").fontSize(12).text(form.title, { align: "center" }).moveDown(0.2);
  doc.font("Helvetica").fontSize(9).text(`(${form.footer})`, { align: "center" });

  heading("Conviction");
  para(`Date of conviction: ${conviction.dispositionDate}`);
  para(`Prosecuting authority: ${conviction.prosecutingOffice}`);
  for (const count of conviction.counts) {
    para(`Count ${count.count}: ${count.offense} (${count.citation}), ${OFFENSE_CLASS_LABELS[count.offenseClass].toLowerCase()}`);
  }

  if (input.form === "petition") {
    heading("Petition");
    para("The petitioner asks the court to vacate the conviction listed above. The petitioner and attorney choose the statutory basis and every eligibility statement on the official form; none is marked here.");
    heading("Statutory basis and eligibility statements");
    para("[  ] To be completed by the petitioner and attorney on the official form.");
    heading("Statement of the petitioner (victim of trafficking, prostitution, sexual assault or domestic violence)");
    para("[  ] To be written and sworn by the petitioner in their own words, and attached. Clearway does not draft this statement.");
    for (let i = 0; i < 4; i++) para(BLANK + BLANK);
    heading("Declaration and signatures");
    para("I declare under penalty of perjury under the laws of the State of Washington that the foregoing is true and correct.");
    para(`Signed at (city or county): ${BLANK}   Date: ${BLANK}`);
    para(`Petitioner: ${BLANK}`);
    para(`Attorney for petitioner: ${BLANK}   WSBA No.: ${BLANK}`);
    para("Mailing address for the petitioner: use an Address Confidentiality Program substitute address where the survivor participates.");
  } else {
    heading("Clerk's action required");
    para("[  ] To be completed by the court.");
    heading("Findings");
    para("[  ] To be completed by the court.");
    heading("Order");
    para("The court orders the following count(s) vacated, the guilty plea or verdict set aside, and the charging document dismissed:");
    for (const count of conviction.counts) para(`[  ] Count ${count.count}: ${count.offense} (${count.citation})`);
    para(`The clerk shall send this order to the Washington State Patrol Identification Section and to the local law enforcement agency: ${BLANK}`);
    heading("Denial (if denied)");
    para(`Reasons: ${BLANK}${BLANK}`);
    heading("Signatures");
    para(`Judge or commissioner: ${BLANK}   Date: ${BLANK}`);
    para(`Presented by: ${BLANK}   WSBA No.: ${BLANK}`);
    para(`Prosecuting authority (approved / notice of presentation waived): ${BLANK}`);
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    const bottom = doc.page.height - 50;
    doc.font("Helvetica").fontSize(8).fillColor("#444444").text(`${form.number} (rev. ${form.revision}) · ${form.footer} · DRAFT for attorney review · page ${i + 1} of ${range.count}`, 72, bottom, {
      width: doc.page.width - 144,
      align: "center",
      lineBreak: false,
    });
  }
  doc.end();
  return done;
}
