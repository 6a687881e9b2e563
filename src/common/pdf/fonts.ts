import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

/**
 * The little of fontkit's API this module uses. fontkit ships no type declarations; pdfkit accepts any object with
 * a `layout` method as an already parsed font.
 */
interface ParsedFont {
  postscriptName: string;
  layout(text: string): unknown;
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

const fontBuffers = {} as Record<FontName, Buffer>;
let parsedFonts: Record<FontName, ParsedFont> | undefined;

/**
 * DejaVu Sans covers Cyrillic and `₽`. Parsing a TTF costs milliseconds, and pdfkit re-parses a font given as a path
 * or Buffer every time `doc.font(...)` meets it in a new document (and a table switches fonts per cell), so the files
 * are parsed once per process and documents receive the parsed objects.
 */
export function loadFonts(): Record<FontName, ParsedFont> {
  if (!parsedFonts) {
    // fontkit is CommonJS without types; `require` keeps it out of the type checker's module resolution.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fontkit = require('fontkit') as Fontkit;
    const directory = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    const parse = (file: string) => fontkit.create(readFileSync(join(directory, file)));
    parsedFonts = { Body: parse(FONT_FILES.Body), Bold: parse(FONT_FILES.Bold), Mono: parse(FONT_FILES.Mono) };
    for (const n of ['Body','Bold','Mono'] as FontName[]) fontBuffers[n] = readFileSync(join(directory, FONT_FILES[n]));
  }
  return parsedFonts;
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
    if (process.env.FONT_MODE === 'buffer') doc.registerFont(name, fontBuffers[name]);
    else doc.registerFont(name, fonts[name] as unknown as Buffer, name);
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
