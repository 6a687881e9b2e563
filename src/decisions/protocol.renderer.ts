import { formatRoubles } from '../common/money/kopecks';
import { createDocument, FONT } from '../common/pdf/fonts';
import { formatInstant, MOSCOW_TIME_ZONE } from '../common/pdf/format';
import { columnWidthFor, drawTable, TableRow } from '../common/pdf/table';
import { fill, loadTemplate } from '../common/pdf/templates';
import {
  contentWidth,
  drawAmountTable,
  drawDocumentHeader,
  drawHeading,
  drawPageNumbers,
  drawPairs,
  SIZE,
  TEXT,
} from '../common/pdf/layout';
import { formatScoreColumn } from './score-format';
import type { ProtocolData } from './decision.types';
import { drawVerificationBlock, VerificationTexts } from './qr';

/** The wording of a programme's protocol, from `templates/protocol.<language>.json`. */
export interface ProtocolTemplate {
  system: string;
  title: string;
  subtitle: string;
  labels: Record<'budget' | 'run' | 'publishedAt', string>;
  runValue: string;
  commissionHeading: string;
  commissionColumns: Record<'number' | 'name' | 'role' | 'organisation', string>;
  roles: Record<'chair' | 'member', string>;
  conflictsHeading: string;
  conflictsSummary: string;
  conflictColumns: Record<'kind' | 'count', string>;
  /** Display names of conflict kinds, in the order they are listed; a kind without an entry is printed as is. */
  conflictKinds: Record<string, string>;
  noConflicts: string;
  methodHeading: string;
  methodLabels: Record<'aggregation' | 'tieBreaks' | 'policy' | 'reserveListLength', string>;
  aggregations: Record<string, string>;
  rankingFirst: string;
  tieBreaks: Record<string, string>;
  policies: Record<string, string>;
  rankingHeading: string;
  rankingColumns: Record<'rank' | 'registrationNumber' | 'cluster' | 'weightedTotal' | 'outcome' | 'funded', string>;
  outcomes: Record<string, string>;
  notRanked: string;
  notScored: string;
  /** The funded amount of a bid that gets no money. */
  noFunding: string;
  noRows: string;
  totalsHeading: string;
  totalsLabels: Record<'budget' | 'allocated' | 'remainder', string>;
  totalsColumns: Record<'item' | 'amount', string>;
  verification: VerificationTexts;
  continued: string;
  pageFooter: string;
}

/** Every text the renderer prints, as dotted paths into the template, checked when a template is first loaded. */
export const PROTOCOL_TEMPLATE_KEYS = `
  system title subtitle runValue commissionHeading conflictsHeading conflictsSummary conflictKinds noConflicts
  methodHeading aggregations rankingFirst tieBreaks policies rankingHeading outcomes notRanked notScored noFunding noRows
  totalsHeading continued pageFooter
  labels.budget labels.run labels.publishedAt
  commissionColumns.number commissionColumns.name commissionColumns.role commissionColumns.organisation
  roles.chair roles.member conflictColumns.kind conflictColumns.count
  methodLabels.aggregation methodLabels.tieBreaks methodLabels.policy methodLabels.reserveListLength
  rankingColumns.rank rankingColumns.registrationNumber rankingColumns.cluster rankingColumns.weightedTotal
  rankingColumns.outcome rankingColumns.funded
  outcomes.funded outcomes.partially_funded outcomes.reserve outcomes.not_funded
  totalsLabels.budget totalsLabels.allocated totalsLabels.remainder totalsColumns.item totalsColumns.amount
  verification.heading verification.codeLabel verification.urlLabel verification.text
`
  .trim()
  .split(/\s+/);

/**
 * The protocol of a published allocation run: the commission, the conflicts of interest, the method, the full
 * ranking with outcomes and federal amounts, the totals and the unspent remainder, and the verification code with its
 * QR code; "page n of m" on every page, the ranking's header repeated on each page it runs over. A pure function of
 * its data (the PDF's creation date is `publishedAt`). The document is finished when returned: the caller pipes it.
 */
export function renderProtocol(data: ProtocolData): PDFKit.PDFDocument {
  const t = loadTemplate<ProtocolTemplate>('protocol', data.language, PROTOCOL_TEMPLATE_KEYS);
  const ru = data.language === 'ru';
  const programmeTitle = ru ? data.programme.titleRu : data.programme.titleEn;
  const doc = createDocument({
    title: `${t.title}: ${programmeTitle}`,
    subject: programmeTitle,
    lang: ru ? 'ru-RU' : 'en-GB',
    createdAt: data.publishedAt,
    // The page count is known only at the end. Buffered pages hold their content streams, not the output: a
    // thousand-bid protocol is a few dozen pages of a few kilobytes each.
    bufferPages: true,
  });

  const subtitle = fill(t.subtitle, { programme: programmeTitle, code: data.programme.code });
  drawDocumentHeader(doc, ru ? data.ministry.nameRu : data.ministry.nameEn, t.system, t.title, { text: subtitle, bold: false });
  drawPairs(doc, [
    [t.labels.budget, formatRoubles(data.programme.budgetKopecks, data.language)],
    [t.labels.run, fill(t.runValue, { run: data.runNumber })],
    [t.labels.publishedAt, formatInstant(data.publishedAt, MOSCOW_TIME_ZONE, data.language)],
  ]);
  // Up front rather than after a ranking of unknown length, where it would often end up alone on a last page.
  drawVerificationBlock(doc, data.verification, t.verification);
  drawCommission(doc, t, data);
  drawConflicts(doc, t, data);
  drawMethod(doc, t, data);
  drawRanking(doc, t, data);
  drawTotals(doc, t, data);
  drawPageNumbers(doc, (page, pages) => fill(t.pageFooter, { code: data.programme.code, run: data.runNumber, page, pages }));

  doc.end();
  return doc;
}

/** The chair first, then the members in the order given. */
function drawCommission(doc: PDFKit.PDFDocument, t: ProtocolTemplate, data: ProtocolData): void {
  drawHeading(doc, t.commissionHeading, 40);
  const members = [...data.commission].sort((a, b) => Number(b.role === 'chair') - Number(a.role === 'chair'));
  const rows: TableRow[] = members.map((member, index) => ({
    cells: [String(index + 1), member.name, t.roles[member.role] ?? member.role, member.organisation],
  }));
  const c = t.commissionColumns;
  const numberWidth = columnWidthFor(doc, [c.number, String(rows.length)], FONT.bold, SIZE.table);
  const roleWidth = columnWidthFor(doc, [c.role, ...Object.values(t.roles)], FONT.body, SIZE.table);
  const rest = contentWidth(doc) - numberWidth - roleWidth;
  const nameWidth = Math.min(
    Math.round(rest * 0.4),
    columnWidthFor(doc, [c.name, ...rows.map((row) => row.cells[1])], FONT.body, SIZE.table),
  );
  drawTable(doc, {
    columns: [
      { header: c.number, width: numberWidth, align: 'right' },
      { header: c.name, width: nameWidth },
      { header: c.role, width: roleWidth },
      { header: c.organisation, width: rest - nameWidth },
    ],
    rows,
    fontSize: SIZE.table,
    continuedCaption: `${t.commissionHeading} ${t.continued}`,
  });
}

/** Counts by kind, kinds in the template's order, then any kind the template does not name. */
function drawConflicts(doc: PDFKit.PDFDocument, t: ProtocolTemplate, data: ProtocolData): void {
  const { declared, derived, byKind } = data.conflicts;
  drawHeading(doc, t.conflictsHeading, 30);
  doc.font(FONT.body).fontSize(SIZE.body).fillColor(TEXT);
  if (declared + derived === 0) {
    doc.text(t.noConflicts, { width: contentWidth(doc) });
    return;
  }
  doc.text(fill(t.conflictsSummary, { declared, derived }), { width: contentWidth(doc) });
  const known = Object.keys(t.conflictKinds);
  const kinds = [...known, ...Object.keys(byKind).filter((kind) => !known.includes(kind))].filter((kind) => byKind[kind] > 0);
  if (!kinds.length) return;
  doc.moveDown(0.5);
  const countWidth = columnWidthFor(doc, [t.conflictColumns.count], FONT.bold, SIZE.table);
  drawTable(doc, {
    columns: [
      { header: t.conflictColumns.kind, width: contentWidth(doc) - countWidth },
      { header: t.conflictColumns.count, width: countWidth, align: 'right' },
    ],
    rows: kinds.map((kind) => ({ cells: [t.conflictKinds[kind] ?? kind, String(byKind[kind])] })),
    fontSize: SIZE.table,
  });
}

function drawMethod(doc: PDFKit.PDFDocument, t: ProtocolTemplate, data: ProtocolData): void {
  const { method } = data;
  drawHeading(doc, t.methodHeading, 60);
  // A rule may carry its detail after a colon (criterion: the criterion's title): "rule text: detail".
  const order = [
    t.rankingFirst,
    ...method.tieBreaks.map((entry) => {
      const [rule, ...detail] = entry.split(':');
      const text = t.tieBreaks[rule] ?? rule;
      return detail.length ? `${text}: ${detail.join(':').trim()}` : text;
    }),
  ];
  drawPairs(doc, [
    [t.methodLabels.aggregation, t.aggregations[method.aggregation] ?? method.aggregation],
    [t.methodLabels.tieBreaks, order.map((rule, index) => `${index + 1}. ${rule}`).join('\n')],
    [t.methodLabels.policy, t.policies[method.policy] ?? method.policy],
    [t.methodLabels.reserveListLength, String(method.reserveListLength)],
  ]);
}

/** Every bid in the order given (ranked first, then those that dropped out), the header repeated on each page. */
export function rankingTableRows(data: ProtocolData, t: ProtocolTemplate): TableRow[] {
  const scores = formatScoreColumn(
    data.rows.map((row) => row.weightedTotal),
    data.language,
    t.notScored,
  );
  return data.rows.map((row, index) => ({
    cells: [
      row.rank === null ? t.notRanked : String(row.rank),
      row.registrationNumber,
      row.clusterName,
      scores[index],
      t.outcomes[row.outcome] ?? row.outcome,
      row.fundedFederalKopecks === 0n ? t.noFunding : formatRoubles(row.fundedFederalKopecks, data.language),
    ],
  }));
}

function drawRanking(doc: PDFKit.PDFDocument, t: ProtocolTemplate, data: ProtocolData): void {
  drawHeading(doc, t.rankingHeading, 50);
  if (!data.rows.length) {
    doc.font(FONT.body).fontSize(SIZE.body).text(t.noRows);
    return;
  }
  const rows = rankingTableRows(data, t);
  const c = t.rankingColumns;
  // Numbers and amounts take what their longest text needs (a header may wrap at its spaces). The outcome gets its
  // longest wording on one line unless that leaves the cluster less than 35% of the width; then it wraps at spaces.
  const width = (texts: string[], header: string) =>
    Math.max(columnWidthFor(doc, texts, FONT.body, SIZE.table), columnWidthFor(doc, header.split(' '), FONT.bold, SIZE.table));
  const cells = (index: number) => rows.map((row) => row.cells[index]);
  const [rank, number, score, funded] = [
    width(cells(0), c.rank),
    width(cells(1), c.registrationNumber),
    width(cells(3), c.weightedTotal),
    width(cells(5), c.funded),
  ];
  const total = contentWidth(doc);
  const outcomeSpace = total - rank - number - score - funded - Math.round(total * 0.35);
  const outcome = Math.max(
    width(
      rows.flatMap((row) => row.cells[4].split(' ')),
      c.outcome,
    ),
    Math.min(width(cells(4), c.outcome), outcomeSpace),
  );
  drawTable(doc, {
    columns: [
      { header: c.rank, width: rank, align: 'right' },
      { header: c.registrationNumber, width: number },
      { header: c.cluster, width: total - rank - number - score - outcome - funded },
      { header: c.weightedTotal, width: score, align: 'right' },
      { header: c.outcome, width: outcome },
      { header: c.funded, width: funded, align: 'right' },
    ],
    rows,
    fontSize: SIZE.table,
    continuedCaption: `${t.rankingHeading} ${t.continued}`,
  });
}

function drawTotals(doc: PDFKit.PDFDocument, t: ProtocolTemplate, data: ProtocolData): void {
  const { totals, language } = data;
  drawHeading(doc, t.totalsHeading, 60);
  const rows: TableRow[] = [
    { cells: [t.totalsLabels.budget, formatRoubles(totals.budgetKopecks, language)] },
    { cells: [t.totalsLabels.allocated, formatRoubles(totals.allocatedKopecks, language)], emphasis: true },
    { cells: [t.totalsLabels.remainder, formatRoubles(totals.remainderKopecks, language)], emphasis: true },
  ];
  drawAmountTable(doc, [t.totalsColumns.item, t.totalsColumns.amount], rows);
}
