import { FONT, FontName } from '../common/pdf/fonts';
import { fill } from '../common/pdf/templates';
import type { Verification } from './decision.types';

/** The little of the `qrcode` package's API used here; it ships no type declarations. */
interface QrCodeLibrary {
  create(
    text: string,
    options: { errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H' },
  ): {
    modules: { size: number; get(row: number, column: number): number };
  };
}

/** A horizontal run of dark modules, in module units from the symbol's top-left corner. */
export interface QrRun {
  row: number;
  column: number;
  length: number;
}

/** Light modules a reader needs around the symbol (ISO/IEC 18004 asks for four). */
const QUIET_ZONE = 4;

/**
 * The QR code of `text` (error correction M: a printed page may be creased or stamped) as the runs of dark modules,
 * row by row; drawing runs rather than single modules keeps the page's content stream several times smaller.
 */
export function qrRuns(text: string): { size: number; runs: QrRun[] } {
  // CommonJS without types; `require` keeps it out of the type checker's module resolution, as with fontkit.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const qrcode = require('qrcode') as QrCodeLibrary;
  const { modules } = qrcode.create(text, { errorCorrectionLevel: 'M' });
  const runs: QrRun[] = [];
  for (let row = 0; row < modules.size; row++) {
    let start = -1;
    for (let column = 0; column <= modules.size; column++) {
      const dark = column < modules.size && modules.get(row, column) === 1;
      if (dark && start < 0) start = column;
      if (!dark && start >= 0) {
        runs.push({ row, column: start, length: column - start });
        start = -1;
      }
    }
  }
  return { size: modules.size, runs };
}

/** Draws the QR code of `text` in a `side` × `side` square at (x, y), its quiet zone included. */
export function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, side: number): void {
  const { size, runs } = qrRuns(text);
  const module = side / (size + 2 * QUIET_ZONE);
  const left = x + QUIET_ZONE * module;
  const top = y + QUIET_ZONE * module;
  doc.save();
  for (const run of runs) doc.rect(left + run.column * module, top + run.row * module, run.length * module, module);
  doc.fill('#000000').restore();
}

export interface VerificationTexts {
  heading: string;
  codeLabel: string;
  urlLabel: string;
  /** What the code and the QR code are for. */
  text: string;
}

const QR_SIDE = 96;
const MUTED = '#4a5561';
const TEXT = '#000000';

/**
 * The block a reader checks the document by: the code in large monospaced type, the verification URL on a line of
 * its own (a URL wrapped at a slash is easily mistyped), what they are for, and the QR code of the URL to the right.
 * Never split across pages.
 */
export function drawVerificationBlock(doc: PDFKit.PDFDocument, verification: Verification, texts: VerificationTexts): void {
  const x = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const textWidth = width - QR_SIDE - 16;
  const lines: { text: string; font: FontName; size: number; color: string; gap: number }[] = [
    { text: texts.codeLabel, font: FONT.body, size: 8, color: MUTED, gap: 0 },
    { text: verification.code, font: FONT.mono, size: 15, color: TEXT, gap: 1 },
    { text: texts.urlLabel, font: FONT.body, size: 8, color: MUTED, gap: 6 },
    { text: verification.url, font: FONT.mono, size: 8.5, color: TEXT, gap: 1 },
    { text: texts.text, font: FONT.body, size: 8, color: MUTED, gap: 7 },
  ];
  const textHeight = lines.reduce(
    (sum, line) => sum + line.gap + doc.font(line.font).fontSize(line.size).heightOfString(line.text, { width: textWidth }),
    0,
  );
  doc.moveDown(0.9);
  if (doc.y + 20 + Math.max(QR_SIDE, textHeight) > doc.page.maxY()) doc.addPage();
  doc.font(FONT.bold).fontSize(11).fillColor(TEXT).text(texts.heading, x, doc.y, { width });
  const top = doc.y + 4;
  // Raised by part of its quiet zone so that the symbol's top edge lines up with the code label.
  drawQrCode(doc, verification.url, x + width - QR_SIDE, top - 4, QR_SIDE);
  doc.y = top;
  for (const line of lines) {
    doc
      .font(line.font)
      .fontSize(line.size)
      .fillColor(line.color)
      .text(line.text, x, doc.y + line.gap, { width: textWidth });
  }
  doc.fillColor(TEXT);
  doc.x = x;
  doc.y = Math.max(doc.y, top + QR_SIDE);
}
