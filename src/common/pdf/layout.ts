import { FONT } from './fonts';
import { columnWidthFor, drawTable, type TableRow } from './table';

/**
 * Page layout shared by every PDF the system issues (receipts, decision letters, protocols): colours, sizes, the
 * ministry header, headings, label–value pairs, framed notices and "page N of M" footers.
 */

export const MUTED = '#4a5561';
export const TEXT = '#000000';
export const SIZE = { body: 9, small: 8, table: 8, heading: 11, title: 15 } as const;

export function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Starts a new page unless `height` more points fit on this one. */
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.maxY()) doc.addPage();
}

/** The ministry in capitals, the system line, a double rule, then the title and subtitle, centred. */
export function drawDocumentHeader(
  doc: PDFKit.PDFDocument,
  ministry: string,
  system: string,
  title: string,
  subtitle: { text: string; bold: boolean },
): void {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  doc.font(FONT.bold).fontSize(10.5).fillColor(TEXT).text(ministry.toUpperCase(), x, doc.y, { width, align: 'center' });
  doc.moveDown(0.2).font(FONT.body).fontSize(SIZE.small).fillColor(MUTED).text(system, { width, align: 'center' });
  const ruleY = doc.y + 6;
  doc
    .save()
    .lineWidth(1.2)
    .strokeColor(TEXT)
    .moveTo(x, ruleY)
    .lineTo(x + width, ruleY)
    .stroke();
  doc
    .lineWidth(0.4)
    .moveTo(x, ruleY + 2.5)
    .lineTo(x + width, ruleY + 2.5)
    .stroke()
    .restore();
  doc.y = ruleY + 20;
  doc.font(FONT.bold).fontSize(SIZE.title).fillColor(TEXT).text(title, x, doc.y, { width, align: 'center' });
  doc
    .moveDown(0.15)
    .font(subtitle.bold ? FONT.bold : FONT.body)
    .fontSize(subtitle.bold ? 12 : 11)
    .text(subtitle.text, { width, align: 'center' });
  doc.moveDown(0.9);
}

/** A framed paragraph in bold that must not be missed, e.g. that this document replaces another. */
export function drawNotice(doc: PDFKit.PDFDocument, text: string): void {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  doc.font(FONT.bold).fontSize(SIZE.body);
  const height = doc.heightOfString(text, { width: width - 16 }) + 12;
  ensureSpace(doc, height);
  const top = doc.y;
  doc.save().lineWidth(1).strokeColor(TEXT).rect(x, top, width, height).stroke().restore();
  doc.fillColor(TEXT).text(text, x + 8, top + 6, { width: width - 16 });
  doc.x = x;
  doc.y = top + height + 10;
}

export function drawHeading(doc: PDFKit.PDFDocument, text: string, reserveBelow: number): void {
  const x = doc.page.margins.left;
  doc.moveDown(0.9);
  ensureSpace(doc, 22 + reserveBelow);
  doc
    .font(FONT.bold)
    .fontSize(SIZE.heading)
    .fillColor(TEXT)
    .text(text, x, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.35);
}

/** Label–value pairs in two columns, the value in bold when asked; a pair is never split across pages. */
export function drawPairs(doc: PDFKit.PDFDocument, pairs: [string, string, boolean?][], labelWidth = 160): void {
  const x = doc.page.margins.left;
  const gap = 10;
  const valueWidth = contentWidth(doc) - labelWidth - gap;
  for (const [label, value, bold] of pairs) {
    doc.font(FONT.body).fontSize(SIZE.body);
    const labelHeight = doc.heightOfString(label, { width: labelWidth });
    doc.font(bold ? FONT.bold : FONT.body);
    const height = Math.max(labelHeight, doc.heightOfString(value, { width: valueWidth }));
    ensureSpace(doc, height);
    const y = doc.y;
    doc.font(FONT.body).fillColor(MUTED).text(label, x, y, { width: labelWidth });
    doc
      .font(bold ? FONT.bold : FONT.body)
      .fillColor(TEXT)
      .text(value, x + labelWidth + gap, y, { width: valueWidth });
    doc.x = x;
    doc.y = y + height + 4;
  }
}

/** `footer(page, pages)` under the bottom margin of every page; the document must buffer its pages. */
export function drawPageNumbers(doc: PDFKit.PDFDocument, footer: (page: number, pages: number) => string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    const { margins } = doc.page;
    const bottomMargin = margins.bottom;
    // Writing inside the bottom margin would otherwise make pdfkit open a new page.
    margins.bottom = 0;
    const width = doc.page.width - margins.left - margins.right;
    const y = doc.page.height - bottomMargin + 18;
    doc
      .font(FONT.body)
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(footer(index - start + 1, count), margins.left, y, { width, align: 'center', lineBreak: false });
    margins.bottom = bottomMargin;
  }
  doc.fillColor(TEXT);
}

/** Labels and amounts in two columns, the amount column as wide as its widest value (at least 130 pt). */
export function drawAmountTable(doc: PDFKit.PDFDocument, headers: [string, string], rows: TableRow[]): void {
  const amountWidth = Math.max(
    130,
    columnWidthFor(
      doc,
      rows.map((row) => row.cells[1]),
      FONT.bold,
      SIZE.table,
    ),
  );
  drawTable(doc, {
    columns: [
      { header: headers[0], width: contentWidth(doc) - amountWidth },
      { header: headers[1], width: amountWidth, align: 'right' },
    ],
    rows,
    fontSize: SIZE.table,
  });
}
