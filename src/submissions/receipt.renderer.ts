import { formatRoubles } from '../common/money/kopecks';
import { createDocument, documentToBuffer, FONT } from '../common/pdf/fonts';
import { formatBoth, formatBytes, Language } from '../common/pdf/format';
import { columnWidthFor, drawTable, TableRow } from '../common/pdf/table';
import { contentWidth, drawHeading, drawPageNumbers, drawPairs, ensureSpace, MUTED, TEXT } from '../common/pdf/layout';
import { fill, loadTemplate } from '../common/pdf/templates';

export type FundingSource = 'federal' | 'regional' | 'extra-budgetary';

export interface ReceiptData {
  registrationNumber: string;
  version: number;
  /** The database's time of the submission. */
  submittedAt: Date;
  programme: { code: string; titleRu: string; titleEn: string; closesAt: Date };
  cluster: {
    nameRu: string;
    nameEn: string;
    regionCode: string;
    timeZone: string;
    organisationName: string;
    organisationInn: string;
  };
  bid: { title: string; federalKopecks: string; regionalKopecks: string; extraBudgetaryKopecks: string; totalKopecks: string };
  budgetLines: { year: number; category: string; source: FundingSource; amountKopecks: string }[];
  attachments: { kind: string; fileName: string; sizeBytes: number; sha256: string }[];
  /** sha256 of the canonical bid content, attachment hashes included. */
  contentSha256: string;
}

type ReceiptLabel = 'registrationNumber' | 'version' | 'programme' | 'cluster' | 'region' | 'organisation' | 'inn' | 'bidTitle';
type ReceiptTimeLabel = 'submittedAt' | 'closesAt';

/** The wording of a receipt, from `templates/receipt.<language>.json`. */
export interface ReceiptTemplate {
  ministry: string;
  system: string;
  title: string;
  intro: string;
  labels: Record<ReceiptLabel | ReceiptTimeLabel, string>;
  versionFirst: string;
  versionResubmitted: string;
  budgetSummaryHeading: string;
  sources: Record<FundingSource, string>;
  total: string;
  budgetLinesHeading: string;
  budgetColumns: Record<'year' | 'category' | 'source' | 'amount', string>;
  yearTotal: string;
  categories: Record<string, string>;
  attachmentsHeading: string;
  attachmentColumns: Record<'number' | 'kind' | 'file' | 'size' | 'sha256', string>;
  attachmentKinds: Record<string, string>;
  noAttachments: string;
  contentHashHeading: string;
  footer: string;
  continued: string;
  pageFooter: string;
}

/** Every text the renderer prints, as dotted paths into the template, checked when a template is first loaded. */
export const RECEIPT_TEMPLATE_KEYS = `
  ministry system title intro versionFirst versionResubmitted budgetSummaryHeading total budgetLinesHeading yearTotal
  categories attachmentsHeading attachmentKinds noAttachments contentHashHeading footer continued pageFooter
  labels.registrationNumber labels.version labels.programme labels.cluster labels.region labels.organisation labels.inn
  labels.bidTitle labels.submittedAt labels.closesAt sources.federal sources.regional sources.extra-budgetary
  budgetColumns.year budgetColumns.category budgetColumns.source budgetColumns.amount
  attachmentColumns.number attachmentColumns.kind attachmentColumns.file attachmentColumns.size attachmentColumns.sha256
`
  .trim()
  .split(/\s+/);

const SOURCES: readonly FundingSource[] = ['federal', 'regional', 'extra-budgetary'];
const SIZE = { body: 9, small: 8, table: 8, heading: 11, title: 16 } as const;

/**
 * The PDF receipt issued on each submission: registration number and version, programme, cluster, the time of
 * submission and the deadline in Moscow time and the cluster's time, the budget, the attachments with their
 * sha256 and the sha256 of the whole content. A pure function of its data: the same data give the same bytes
 * (the PDF's creation date is the submission time).
 */
export async function renderReceipt(data: ReceiptData, language: Language): Promise<Buffer> {
  const t = loadTemplate<ReceiptTemplate>('receipt', language, RECEIPT_TEMPLATE_KEYS);
  const doc = createDocument({
    title: `${t.title} ${data.registrationNumber}`,
    subject: language === 'ru' ? data.programme.titleRu : data.programme.titleEn,
    lang: language === 'ru' ? 'ru-RU' : 'en-GB',
    createdAt: data.submittedAt,
    bufferPages: true,
  });
  const done = documentToBuffer(doc);

  drawHeader(doc, t, data);
  drawDetails(doc, t, data, language);
  drawBudgetSummary(doc, t, data, language);
  drawBudgetLines(doc, t, data, language);
  drawAttachments(doc, t, data, language);
  drawClosing(doc, t, data);
  drawPageFooters(doc, t, data);

  doc.end();
  return done;
}

function drawHeader(doc: PDFKit.PDFDocument, t: ReceiptTemplate, data: ReceiptData): void {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  doc.font(FONT.bold).fontSize(10.5).fillColor(TEXT).text(t.ministry.toUpperCase(), x, doc.y, { width, align: 'center' });
  doc.moveDown(0.2).font(FONT.body).fontSize(SIZE.small).fillColor(MUTED).text(t.system, { width, align: 'center' });
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
  doc.y = ruleY + 22;
  doc.font(FONT.bold).fontSize(SIZE.title).fillColor(TEXT).text(t.title, x, doc.y, { width, align: 'center' });
  doc.moveDown(0.15).fontSize(12.5).text(`№ ${data.registrationNumber}`, { width, align: 'center' });
  doc.moveDown(0.8).font(FONT.body).fontSize(SIZE.body).fillColor(MUTED).text(t.intro, { width, align: 'justify' });
  doc.fillColor(TEXT).moveDown(0.8);
}

function drawDetails(doc: PDFKit.PDFDocument, t: ReceiptTemplate, data: ReceiptData, language: Language): void {
  const ru = language === 'ru';
  const { cluster, programme } = data;
  const version = fill(data.version > 1 ? t.versionResubmitted : t.versionFirst, { version: data.version });
  drawPairs(
    doc,
    [
      [t.labels.registrationNumber, data.registrationNumber, true],
      [t.labels.version, version],
      [t.labels.programme, `${ru ? programme.titleRu : programme.titleEn} (${programme.code})`],
      [t.labels.cluster, ru ? cluster.nameRu : cluster.nameEn],
      [t.labels.region, cluster.regionCode],
      [t.labels.organisation, `${cluster.organisationName}, ${t.labels.inn}\u00a0${cluster.organisationInn}`],
      [t.labels.bidTitle, data.bid.title, true],
      [t.labels.submittedAt, formatBoth(data.submittedAt, cluster.timeZone, language, '\n'), true],
      [t.labels.closesAt, formatBoth(programme.closesAt, cluster.timeZone, language, '\n')],
    ],
    150,
  );
}

function amountColumns(doc: PDFKit.PDFDocument, labelHeader: string, amountHeader: string) {
  const amountWidth = 130;
  return [
    { header: labelHeader, width: contentWidth(doc) - amountWidth },
    { header: amountHeader, width: amountWidth, align: 'right' as const },
  ];
}

function drawBudgetSummary(doc: PDFKit.PDFDocument, t: ReceiptTemplate, data: ReceiptData, language: Language): void {
  drawHeading(doc, t.budgetSummaryHeading, 70);
  const { bid } = data;
  const amounts: Record<FundingSource, string> = {
    federal: bid.federalKopecks,
    regional: bid.regionalKopecks,
    'extra-budgetary': bid.extraBudgetaryKopecks,
  };
  const rows: TableRow[] = SOURCES.map((source) => ({ cells: [t.sources[source], formatRoubles(amounts[source], language)] }));
  rows.push({ cells: [t.total, formatRoubles(bid.totalKopecks, language)], emphasis: true });
  drawTable(doc, {
    columns: amountColumns(doc, t.budgetColumns.source, t.budgetColumns.amount),
    rows,
    fontSize: SIZE.table,
    continuedCaption: `${t.budgetSummaryHeading} ${t.continued}`,
  });
}

/** Lines by year, then category in order of first appearance, then source; a subtotal after each year. */
export function budgetTableRows(data: ReceiptData, t: ReceiptTemplate, language: Language): TableRow[] {
  const categoryOrder = new Map<string, number>();
  for (const line of data.budgetLines) if (!categoryOrder.has(line.category)) categoryOrder.set(line.category, categoryOrder.size);
  const lines = [...data.budgetLines].sort(
    (a, b) =>
      a.year - b.year ||
      categoryOrder.get(a.category)! - categoryOrder.get(b.category)! ||
      SOURCES.indexOf(a.source) - SOURCES.indexOf(b.source),
  );
  const rows: TableRow[] = [];
  let yearTotal = 0n;
  let grandTotal = 0n;
  lines.forEach((line, index) => {
    const amount = BigInt(line.amountKopecks);
    yearTotal += amount;
    grandTotal += amount;
    const category = t.categories[line.category] ?? line.category;
    rows.push({ cells: [String(line.year), category, t.sources[line.source], formatRoubles(amount, language)] });
    if (lines[index + 1]?.year !== line.year) {
      rows.push({ cells: ['', fill(t.yearTotal, { year: line.year }), '', formatRoubles(yearTotal, language)], emphasis: true });
      yearTotal = 0n;
    }
  });
  if (lines.length) rows.push({ cells: ['', t.total, '', formatRoubles(grandTotal, language)], emphasis: true });
  return rows;
}

function drawBudgetLines(doc: PDFKit.PDFDocument, t: ReceiptTemplate, data: ReceiptData, language: Language): void {
  if (!data.budgetLines.length) return;
  drawHeading(doc, t.budgetLinesHeading, 40);
  const rows = budgetTableRows(data, t, language);
  // Year, source and amount take what their longest text needs; the category gets the rest.
  const yearWidth = columnWidthFor(doc, [t.budgetColumns.year, '0000'], FONT.bold, SIZE.table);
  const sourceWidth = columnWidthFor(doc, [t.budgetColumns.source, ...Object.values(t.sources)], FONT.body, SIZE.table);
  const amountWidth = columnWidthFor(doc, [t.budgetColumns.amount, ...rows.map((row) => row.cells[3])], FONT.bold, SIZE.table);
  drawTable(doc, {
    columns: [
      { header: t.budgetColumns.year, width: yearWidth },
      { header: t.budgetColumns.category, width: contentWidth(doc) - yearWidth - sourceWidth - amountWidth },
      { header: t.budgetColumns.source, width: sourceWidth },
      { header: t.budgetColumns.amount, width: amountWidth, align: 'right' },
    ],
    rows,
    fontSize: SIZE.table,
    continuedCaption: `${t.budgetLinesHeading} ${t.continued}`,
  });
}

function drawAttachments(doc: PDFKit.PDFDocument, t: ReceiptTemplate, data: ReceiptData, language: Language): void {
  drawHeading(doc, t.attachmentsHeading, 50);
  if (!data.attachments.length) {
    doc.font(FONT.body).fontSize(SIZE.body).text(t.noAttachments);
    return;
  }
  const rows: TableRow[] = data.attachments.map((attachment, index) => ({
    cells: [
      String(index + 1),
      t.attachmentKinds[attachment.kind] ?? attachment.kind,
      attachment.fileName,
      formatBytes(attachment.sizeBytes, language),
    ],
    // A hash on one line in a monospaced font, so it can be read, compared and copied whole.
    detail: { text: `${t.attachmentColumns.sha256}: ${attachment.sha256}`, font: FONT.mono, fontSize: 7.5 },
  }));
  const width = contentWidth(doc);
  const numberWidth = columnWidthFor(doc, [t.attachmentColumns.number, ...rows.map((row) => row.cells[0])], FONT.bold, SIZE.table);
  const sizeWidth = columnWidthFor(doc, [t.attachmentColumns.size, ...rows.map((row) => row.cells[3])], FONT.body, SIZE.table);
  const kindWidth = Math.min(
    columnWidthFor(doc, [t.attachmentColumns.kind, ...rows.map((row) => row.cells[1])], FONT.body, SIZE.table),
    Math.round((width - numberWidth - sizeWidth) * 0.4),
  );
  drawTable(doc, {
    columns: [
      { header: t.attachmentColumns.number, width: numberWidth, align: 'right' },
      { header: t.attachmentColumns.kind, width: kindWidth },
      { header: t.attachmentColumns.file, width: width - numberWidth - kindWidth - sizeWidth },
      { header: t.attachmentColumns.size, width: sizeWidth },
    ],
    rows,
    fontSize: SIZE.table,
    continuedCaption: `${t.attachmentsHeading} ${t.continued}`,
  });
}

function drawClosing(doc: PDFKit.PDFDocument, t: ReceiptTemplate, data: ReceiptData): void {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  drawHeading(doc, t.contentHashHeading, 90);
  doc.font(FONT.mono).fontSize(9.5).fillColor(TEXT).text(data.contentSha256, x, doc.y, { width });
  doc.moveDown(1.2);
  doc.font(FONT.body).fontSize(SIZE.small);
  ensureSpace(doc, doc.heightOfString(t.footer, { width }) + 10);
  const ruleY = doc.y;
  doc
    .save()
    .lineWidth(0.4)
    .strokeColor(MUTED)
    .moveTo(x, ruleY)
    .lineTo(x + width, ruleY)
    .stroke()
    .restore();
  doc.y = ruleY + 6;
  doc.fillColor(MUTED).text(t.footer, x, doc.y, { width, align: 'justify' });
  doc.fillColor(TEXT);
}

/** "Receipt N, version v — page p of n" under the bottom margin of every page (pages are buffered until here). */
function drawPageFooters(doc: PDFKit.PDFDocument, t: ReceiptTemplate, data: ReceiptData): void {
  drawPageNumbers(doc, (page, pages) =>
    fill(t.pageFooter, { registrationNumber: data.registrationNumber, version: data.version, page, pages }),
  );
}
