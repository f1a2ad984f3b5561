import fs from "node:fs";
import path from "node:path";

// The fonts embedded in the court-document drafts. The PDF standard fonts (Helvetica) encode only
// WinAnsi, so "Łukasz Nguyễn 李小龍" came out garbled; a survivor's legal name must print exactly as the
// court index spells it. Noto Sans covers Latin with every extension Washington names use (Polish,
// Vietnamese, Turkish...), Greek and Cyrillic; Noto Sans SC covers Chinese (simplified and
// traditional characters) and Japanese kana; Noto Sans KR covers Hangul. pdfkit embeds only the
// glyphs a draft uses, so a draft stays small.
//
// The files come from the @expo-google-fonts packages (static TTFs of the Google Fonts releases,
// which fontkit reads; the other font packages ship WOFF/WOFF2 subsets). They are read from
// node_modules at run time: next.config.ts traces them into the route's output.

export type FontFace = "latin" | "latinBold" | "han" | "hangul";

const FILES: Record<FontFace, string> = {
  latin: "@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf",
  latinBold: "@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf",
  // Regular weight only: the CJK text of a draft is a name or a court's, printed in running text;
  // a bold caption keeps its CJK characters regular rather than holding two more 10 MB files in memory.
  han: "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  hangul: "@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf",
};

const loaded = new Map<FontFace, Buffer>();

/** The font file's bytes, read once per process. */
export function fontBytes(face: FontFace): Buffer {
  let bytes = loaded.get(face);
  if (!bytes) {
    bytes = fs.readFileSync(path.join(process.cwd(), "node_modules", FILES[face]));
    loaded.set(face, bytes);
  }
  return bytes;
}

const HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef]/u;
const HANGUL = /\p{Script=Hangul}/u;
/** Characters any of the fonts draws (spaces, digits, ASCII punctuation) and combining marks: they stay in the run they are in. */
const NEUTRAL = /[\p{M}\s\x21-\x40\x5b-\x60\x7b-\x7e]/u;

function faceOf(char: string, base: "latin" | "latinBold"): FontFace {
  if (HAN.test(char)) return "han";
  if (HANGUL.test(char)) return "hangul";
  return base;
}

/**
 * Splits text into runs, each printed in the font that has its characters: Latin, Greek and
 * Cyrillic in Noto Sans (bold where asked), Chinese and Japanese in Noto Sans SC, Korean in Noto Sans KR.
 */
export function fontRuns(text: string, bold = false): { face: FontFace; text: string }[] {
  const base = bold ? "latinBold" : "latin";
  const runs: { face: FontFace; text: string }[] = [];
  for (const char of text.normalize("NFC")) {
    const last = runs.at(-1);
    const face = last && NEUTRAL.test(char) ? last.face : faceOf(char, base);
    if (last && last.face === face) last.text += char;
    else runs.push({ face, text: char });
  }
  return runs;
}
