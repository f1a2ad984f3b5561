import PDFDocument from "pdfkit";
import type { ConvictionItem } from "./queries/court-records";
import { COURT_TYPE_LABELS, OFFENSE_CLASS_LABELS } from "./constants";
import { fontBytes, fontRuns, type FontFace } from "./documents-fonts";
import { PATTERN_FORMS, isCrRLJ } from "./documents-meta";
import { courtDate, printable, statutoryBasis, type RecordedConclusion } from "./documents-text";

// Draft court documents laid out after the Washington pattern forms' sections (DOMAIN.md §2.1), filled
// from the matter: caption, court, case number, names and aliases, conviction date and counts, and the
// statutory basis the attorney recorded. Every page says DRAFT for attorney review and names the form
// and revision it follows. Elections, the sworn statement, signatures and dates are left blank for the
// survivor and attorney: Clearway never checks a legal election or writes the sworn narrative.

export type DocumentInput = {
  form: "petition" | "order";
  conviction: Pick<ConvictionItem, "courtType" | "courtName" | "courtLocality" | "caseNumber" | "prosecutingAuthority" | "prosecutingOffice" | "counts" | "dispositionDate">;
  defendantName: string;
  /** the survivor's other names as they appear in court records (only where the caller may see identity) */
  aliases: readonly string[];
  /** the attorney's conclusion on this conviction, if recorded */
  conclusion: RecordedConclusion | null;
};

function formFor(input: Pick<DocumentInput, "form" | "conviction">) {
  return PATTERN_FORMS[isCrRLJ(input.conviction.counts) ? "misdemeanor" : "felony"][input.form];
}

export function documentFileName(input: Pick<DocumentInput, "form" | "conviction">): string {
  return `DRAFT-${formFor(input).number.replace(/\s+/g, "-")}-${input.conviction.caseNumber.replace(/[^A-Za-z0-9-]/g, "")}.pdf`;
}

/** The conviction with every typed value made one clean line (printable). */
function printableConviction(conviction: DocumentInput["conviction"]): DocumentInput["conviction"] {
  return {
    ...conviction,
    courtName: printable(conviction.courtName),
    courtLocality: printable(conviction.courtLocality),
    caseNumber: printable(conviction.caseNumber),
    prosecutingOffice: printable(conviction.prosecutingOffice),
    counts: conviction.counts.map((c) => ({ ...c, offense: printable(c.offense), citation: printable(c.citation) })),
  };
}

function plaintiff(conviction: DocumentInput["conviction"]): string {
  return conviction.prosecutingAuthority === "city_attorney" ? `City of ${conviction.courtLocality}` : "State of Washington";
}

function courtHeading(conviction: DocumentInput["conviction"]): string {
  // The caption as the pattern forms print it ("District Court of Washington for King County").
  const type = COURT_TYPE_LABELS[conviction.courtType].replace(/ court$/, " Court");
  const where = conviction.courtType === "municipal" ? `the City of ${conviction.courtLocality}` : `${conviction.courtLocality.replace(/ County$/i, "")} County`;
  return `${type} of Washington for ${where} (${conviction.courtName})`;
}

const BLANK = "______________________________";
/** A label glued to its blank by no-break spaces, so a line never ends inside "WSBA No.: ____" or between "Date:" and its blank. */
const field = (label: string, blank = BLANK) => `${label.replace(/ /g, "\u00a0")}\u00a0${blank}`;

/** Renders the draft and resolves with the PDF bytes. `compress: false` keeps the text readable (tests). */
export function renderDocument(input: DocumentInput, options: { compress?: boolean } = {}): Promise<Buffer> {
  const form = formFor(input);
  const conviction = printableConviction(input.conviction);
  const defendantName = printable(input.defendantName);
  const aliases = input.aliases.map(printable).filter(Boolean);
  const basis = statutoryBasis(input.conclusion);
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

  for (const face of ["latin", "latinBold", "han", "hangul"] as const satisfies readonly FontFace[]) doc.registerFont(face, fontBytes(face));
  // pdfkit sets each run's baseline from its own font's ascender, and the CJK fonts' is taller: every
  // run sits on Noto Sans's baseline instead, so a name mixing scripts stays on one line. (pdfkit keeps
  // the ascender, in thousandths of the size, on its internal font object; it has no public getter.)
  const ascender = (doc.font("latin") as unknown as { _font?: { ascender?: number } })._font?.ascender;
  // Each run of text in the font that has its characters, continued on the same line (pdfkit wraps across runs).
  const write = (text: string, options: { size: number; bold?: boolean; align?: "left" | "center" }) => {
    const runs = fontRuns(text, options.bold);
    const baseline = ascender ? -(ascender * options.size) / 1000 : undefined;
    runs.forEach((run, i) => doc.font(run.face).fontSize(options.size).text(run.text, { align: options.align ?? "left", baseline, continued: i < runs.length - 1 }));
    return doc;
  };
  /** A heading, kept on one page with the `keep` points of text that follow it (a signature block never splits). */
  const heading = (text: string, keep = 40) => {
    doc.moveDown(0.8);
    if (doc.y + keep > doc.page.height - doc.page.margins.bottom) doc.addPage();
    return write(text, { size: 11, bold: true }).moveDown(0.3);
  };
  const para = (text: string) => write(text, { size: 10 }).moveDown(0.3);

  doc.fillColor("#b91c1c");
  write(`DRAFT FOR ATTORNEY REVIEW. Follows ${form.number} (rev. ${form.revision}). Transfer to the court's current official form before filing.`, { size: 10, bold: true, align: "center" });
  doc.fillColor("black").moveDown(1);

  // Caption
  write(courtHeading(conviction), { size: 12, bold: true, align: "center" }).moveDown(0.8);
  para(`${plaintiff(conviction)}, Plaintiff,`);
  para("v.");
  para(`${defendantName}, Defendant.`);
  if (aliases.length) para(`Also known as: ${aliases.join("; ")}`);
  para(`No. ${conviction.caseNumber}`);
  write(form.title, { size: 12, bold: true, align: "center" }).moveDown(0.2);
  write(`(${form.footer})`, { size: 9, align: "center" });

  heading("Conviction");
  para(`Date of conviction: ${courtDate(conviction.dispositionDate)}`);
  para(`Prosecuting authority: ${conviction.prosecutingOffice}`);
  for (const count of conviction.counts) {
    para(`Count ${count.count}: ${count.offense} (${count.citation}), ${OFFENSE_CLASS_LABELS[count.offenseClass].toLowerCase()}`);
  }

  const basisLine = basis ?? `${BLANK} (statutory basis: to be completed by the attorney)`;
  if (input.form === "petition") {
    heading("Petition");
    para(`The petitioner asks the court to vacate the conviction listed above under ${basisLine}.`);
    heading("Eligibility statements");
    para("[  ] To be completed by the petitioner and attorney on the official form; none is marked here.");
    heading("Statement of the petitioner (victim of trafficking, prostitution, sexual assault or domestic violence)");
    para("[  ] To be written and sworn by the petitioner in their own words, and attached. Clearway does not draft this statement.");
    for (let i = 0; i < 4; i++) para(BLANK + BLANK);
    heading("Declaration and signatures", 150);
    para("I declare under penalty of perjury under the laws of the State of Washington that the foregoing is true and correct.");
    para(`${field("Signed at (city or county):")}   ${field("Date:")}`);
    para(field("Petitioner:"));
    para(`${field("Attorney for petitioner:")}   ${field("WSBA No.:")}`);
    para("Mailing address for the petitioner: use an Address Confidentiality Program substitute address where the survivor participates.");
  } else {
    heading("Petition");
    para(`Petition brought under ${basisLine}.`);
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
    heading("Signatures", 90);
    para(`${field("Judge or commissioner:")}   ${field("Date:")}`);
    para(`${field("Presented by:")}   ${field("WSBA No.:")}`);
    para(field("Prosecuting authority (approved / notice of presentation waived):"));
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    const bottom = doc.page.height - 50;
    doc.font("latin").fontSize(8).fillColor("#444444").text(`${form.number} (rev. ${form.revision}) · ${form.footer} · DRAFT for attorney review · page ${i + 1} of ${range.count}`, 72, bottom, {
      width: doc.page.width - 144,
      align: "center",
      lineBreak: false,
    });
  }
  doc.end();
  return done;
}
