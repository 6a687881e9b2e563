import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

/**
 * The little of fontkit's API this module uses. fontkit ships no type declarations; pdfkit accepts any object with
 * a `layout` method as an already parsed font.
 */
interface Glyph {
  codePoints: number[];
  isMark: boolean;
  isLigature: boolean;
}
interface ParsedFont {
  postscriptName: string;
  layout(text: string): unknown;
  getGlyph(id: number, codePoints?: number[]): Glyph;
}
interface Fontkit {
  create(buffer: Uint8Array, postscriptName?: string): ParsedFont;
}

/** Names under which every document created here knows its fonts: `doc.font('Bold')`, `font: { src: 'Bold' }`. */
export const FONT = { body: 'Body', bold: 'Bold', mono: 'Mono' } as const;
export type FontName = (typeof FONT)[keyof typeof FONT];

const FONT_FILES: Record<FontName, string> = {
  Body: 'DejaVuSans.ttf',
  Bold: 'DejaVuSans-Bold.ttf',
  Mono: 'DejaVuSansMono.ttf',
};

let parsedFonts: Record<FontName, ParsedFont> | undefined;

/**
 * DejaVu Sans covers Cyrillic and `₽`. pdfkit parses a font given as a path or Buffer again in every document (and
 * in every table cell whose style names it by Buffer rather than by a registered name), and fontkit then decodes
 * its cmap, GSUB and GPOS tables lazily all over again: a receipt renders about 2.4 times slower that way. So the
 * files are parsed once per process and every document gets the same parsed objects.
 */
export function loadFonts(): Record<FontName, ParsedFont> {
  if (!parsedFonts) {
    // fontkit is CommonJS without types; `require` keeps it out of the type checker's module resolution.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fontkit = require('fontkit') as Fontkit;
    const directory = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    const parse = (file: string) => keepCodePoints(fontkit.create(readFileSync(join(directory, file))));
    parsedFonts = { Body: parse(FONT_FILES.Body), Bold: parse(FONT_FILES.Bold), Mono: parse(FONT_FILES.Mono) };
  }
  return parsedFonts;
}

/**
 * Sharing one parsed font between documents has a catch. fontkit caches a glyph object per glyph id, with the code
 * points of its first request, and a subset being embedded asks for the components of composite glyphs without
 * code points (DejaVu builds Cyrillic `М`, `е`, `с`, ... from the Latin `M`, `e`, `c`). Every later document's text
 * layout then gets the cached glyph with no code points, pdfkit writes an empty ToUnicode entry, and the letter
 * vanishes from copied or searched text (`MINISTRY` reads as `INISTRY`) though it still prints. Per-document
 * parsing hides this; here a glyph asked for with code points gets them when it has none.
 */
function keepCodePoints(font: ParsedFont): ParsedFont {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id, codePoints = []) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph && glyph.codePoints.length === 0 && codePoints.length > 0) {
      glyph.codePoints = codePoints;
      // As fontkit's Glyph constructor derives them.
      glyph.isMark = codePoints.every((codePoint) => /^\p{M}$/u.test(String.fromCodePoint(codePoint)));
      glyph.isLigature = codePoints.length > 1;
    }
    return glyph;
  };
  return font;
}

export interface CreateDocumentOptions {
  title: string;
  subject?: string;
  /** BCP 47 language of the content, e.g. `ru-RU`; lets screen readers and search pick the right language. */
  lang?: string;
  /** Written into the PDF's metadata and file id: the same data and `createdAt` give byte-identical files. */
  createdAt: Date;
  /** Keep pages in memory until the end, needed to stamp "page n of m" footers. */
  bufferPages?: boolean;
}

/** Page margins in points (A4 is 595 × 842 pt): 2 cm, with room at the bottom for a page footer. */
export const PAGE_MARGINS = { top: 57, bottom: 62, left: 57, right: 57 } as const;

/** An A4 document with the fonts `Body`, `Bold` and `Mono` registered and `Body` selected. */
export function createDocument(options: CreateDocumentOptions): PDFKit.PDFDocument {
  const fonts = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { ...PAGE_MARGINS },
    // No default font: pdfkit would otherwise load Helvetica's metrics into every document for nothing.
    font: null as unknown as string,
    bufferPages: options.bufferPages ?? false,
    lang: options.lang,
    displayTitle: true,
    info: {
      Title: options.title,
      ...(options.subject ? { Subject: options.subject } : {}),
      Author: 'konkurs',
      Creator: 'konkurs',
      CreationDate: options.createdAt,
      ModDate: options.createdAt,
    },
  });
  for (const name of Object.values(FONT)) {
    // pdfkit's types only list paths and buffers, but it takes a parsed fontkit font as is. The family argument is
    // inert for a parsed font; with a Buffer, fontkit would take it for a PostScript name and throw.
    doc.registerFont(name, fonts[name] as unknown as Buffer, name);
  }
  return doc.font(FONT.body);
}

/** Collects a finished document into one Buffer; call before `doc.end()` or right after. */
export function documentToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
