import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

// What a person reading the PDF sees, line by line: the text pdf.js extracts (through each embedded
// font's ToUnicode map, as a viewer's copy and search do), its pieces on the same baseline joined in
// reading order. A label and its blank "on one line" means on one of these lines.

type Piece = { str: string; x: number; y: number };

export async function pdfLines(pdf: Uint8Array): Promise<string[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const lines: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    const pieces: Piece[] = [];
    for (const item of content.items) {
      if ("str" in item && item.str) pieces.push({ str: item.str, x: item.transform[4] as number, y: Math.round(item.transform[5] as number) });
    }
    const byLine = new Map<number, Piece[]>();
    for (const piece of pieces) byLine.set(piece.y, [...(byLine.get(piece.y) ?? []), piece]);
    for (const y of [...byLine.keys()].sort((a, b) => b - a)) {
      lines.push(
        byLine
          .get(y)!
          .sort((a, b) => a.x - b.x)
          .map((p) => p.str)
          .join("")
          .replace(/\s+/g, " ")
          .trim(),
      );
    }
  }
  await document.destroy();
  return lines;
}

/** The whole text, lines joined by spaces (for phrases that may wrap). */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  return (await pdfLines(pdf)).join(" ");
}
