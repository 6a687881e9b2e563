import { formatRoubles } from '../common/money/kopecks';
import { createDocument, FONT } from '../common/pdf/fonts';
import { formatBoth, formatInstant, Language, MOSCOW_TIME_ZONE } from '../common/pdf/format';
import { columnWidthFor, drawTable, TableRow } from '../common/pdf/table';
import { fill, loadTemplate } from '../common/pdf/templates';
import type { DecisionLetterData, DecisionOutcome } from './decision.types';
import { drawVerificationBlock, VerificationTexts } from './qr';
import {
  contentWidth,
  drawAmountTable,
  drawDocumentHeader,
  drawHeading,
  drawNotice,
  drawPageNumbers,
  drawPairs,
  ensureSpace,
  MUTED,
  SIZE,
  TEXT,
} from '../common/pdf/layout';
import { formatScore, formatScoreColumn, scoreDecimals } from './score-format';

export { formatScore, formatScoreColumn, scoreDecimals } from './score-format';

type PluralCategory = 'one' | 'few' | 'many' | 'other';

/** The wording of a decision letter, from `templates/decision-letter.<language>.json`. */
export interface DecisionLetterTemplate {
  system: string;
  title: string;
  subtitle: string;
  supersedes: string;
  labels: Record<'programme' | 'cluster' | 'organisation' | 'inn' | 'registrationNumber' | 'issuedAt', string>;
  outcomeHeading: string;
  outcomes: Record<DecisionOutcome, string>;
  outcomeDetails: Record<DecisionOutcome, string>;
  excluded: string;
  resultLabels: Record<'rank' | 'weightedTotal' | 'minWeightedTotal' | 'reservePosition', string>;
  rankValue: string;
  notRanked: string;
  noThreshold: string;
  notScored: string;
  amountsHeading: string;
  amountLabels: Record<'requestedFederal' | 'fundedFederal' | 'fundedCofinancing' | 'fundedTotal', string>;
  amountColumns: Record<'item' | 'amount', string>;
  noFunding: string;
  linesHeading: string;
  lineColumns: Record<'year' | 'category' | 'federal' | 'cofinancing', string>;
  yearTotal: string;
  total: string;
  scoresHeading: string;
  scoresIntro: string;
  scoreColumns: Record<'number' | 'criterion' | 'weight' | 'minScore' | 'score', string>;
  weightValue: string;
  belowMinimum: string;
  justification: string;
  appealHeading: string;
  appealWindow: string;
  /** "{days} days" in each plural form `Intl.PluralRules` names (Russian needs one, few and many). */
  appealDays: Record<PluralCategory, string>;
  signatureNote: string;
  verification: VerificationTexts;
  continued: string;
  pageFooter: string;
}

const OUTCOMES: readonly DecisionOutcome[] = ['funded', 'partially_funded', 'reserve', 'not_funded'];

/** Every text the renderer prints, as dotted paths into the template, checked when a template is first loaded. */
export const DECISION_LETTER_TEMPLATE_KEYS = [
  ...`
  system title subtitle supersedes outcomeHeading excluded rankValue notRanked noThreshold notScored amountsHeading
  noFunding linesHeading yearTotal total scoresHeading scoresIntro weightValue belowMinimum justification appealHeading
  appealWindow signatureNote continued pageFooter
  labels.programme labels.cluster labels.organisation labels.inn labels.registrationNumber labels.issuedAt
  resultLabels.rank resultLabels.weightedTotal resultLabels.minWeightedTotal resultLabels.reservePosition
  amountLabels.requestedFederal amountLabels.fundedFederal amountLabels.fundedCofinancing amountLabels.fundedTotal
  amountColumns.item amountColumns.amount
  lineColumns.year lineColumns.category lineColumns.federal lineColumns.cofinancing
  scoreColumns.number scoreColumns.criterion scoreColumns.weight scoreColumns.minScore scoreColumns.score
  appealDays.one appealDays.few appealDays.many appealDays.other
  verification.heading verification.codeLabel verification.urlLabel verification.text
`
    .trim()
    .split(/\s+/),
  ...OUTCOMES.flatMap((outcome) => [`outcomes.${outcome}`, `outcomeDetails.${outcome}`]),
];

/**
 * The decision letter issued for one bid: outcome, rank and thresholds, the funded amounts by year and category with
 * the federal and co-financing split, the commission's scores and justifications, how to appeal, the signatory and
 * the verification code with its QR code. A pure function of its data (the PDF's creation date is `issuedAt`, so the
 * same data give the same bytes). The document is finished when returned: the caller pipes it to where it goes.
 */
export function renderDecisionLetter(data: DecisionLetterData): PDFKit.PDFDocument {
  const t = loadTemplate<DecisionLetterTemplate>('decision-letter', data.language, DECISION_LETTER_TEMPLATE_KEYS);
  const ru = data.language === 'ru';
  const subtitle = fill(t.subtitle, { registrationNumber: data.registrationNumber });
  const doc = createDocument({
    title: `${t.title} ${subtitle}`,
    subject: ru ? data.programme.titleRu : data.programme.titleEn,
    lang: ru ? 'ru-RU' : 'en-GB',
    createdAt: data.issuedAt,
    // Kept until the end to stamp "page n of m"; a letter is two or three pages.
    bufferPages: true,
  });

  drawDocumentHeader(doc, ru ? data.ministry.nameRu : data.ministry.nameEn, t.system, t.title, { text: subtitle, bold: true });
  if (data.supersedes) drawNotice(doc, fill(t.supersedes, { code: data.supersedes.code }));
  drawDetails(doc, t, data);
  drawOutcome(doc, t, data);
  drawAmounts(doc, t, data);
  drawFundingLines(doc, t, data);
  drawScores(doc, t, data);
  drawAppeal(doc, t, data);
  drawSignature(doc, t, data);
  drawVerificationBlock(doc, data.verification, t.verification);
  drawPageNumbers(doc, (page, pages) => fill(t.pageFooter, { registrationNumber: data.registrationNumber, page, pages }));

  doc.end();
  return doc;
}

function drawDetails(doc: PDFKit.PDFDocument, t: DecisionLetterTemplate, data: DecisionLetterData): void {
  const ru = data.language === 'ru';
  const { programme, cluster } = data;
  drawPairs(doc, [
    [t.labels.programme, `${ru ? programme.titleRu : programme.titleEn} (${programme.code})`],
    [t.labels.cluster, ru ? cluster.nameRu : cluster.nameEn],
    [t.labels.organisation, `${cluster.organisationName}, ${t.labels.inn}\u00a0${cluster.organisationInn}`],
    [t.labels.registrationNumber, data.registrationNumber, true],
    [t.labels.issuedAt, formatInstant(data.issuedAt, MOSCOW_TIME_ZONE, data.language)],
  ]);
}

function drawOutcome(doc: PDFKit.PDFDocument, t: DecisionLetterTemplate, data: DecisionLetterData): void {
  const language = data.language;
  drawHeading(doc, t.outcomeHeading, 60);
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  const reason = data.excludedReason ? fill(t.excluded, { reason: data.excludedReason[language] }) : null;
  const detail = [t.outcomeDetails[data.outcome], reason].filter(Boolean).join('\n');
  doc.font(FONT.bold).fontSize(13);
  const headlineHeight = doc.heightOfString(t.outcomes[data.outcome], { width: width - 20 });
  doc.font(FONT.body).fontSize(SIZE.body);
  const boxHeight = 10 + headlineHeight + 4 + doc.heightOfString(detail, { width: width - 20 }) + 10;
  ensureSpace(doc, boxHeight);
  const top = doc.y;
  doc.save().rect(x, top, width, boxHeight).fill('#f3f5f7').rect(x, top, 3, boxHeight).fill(TEXT).restore();
  doc
    .font(FONT.bold)
    .fontSize(13)
    .fillColor(TEXT)
    .text(t.outcomes[data.outcome], x + 12, top + 10, { width: width - 20 });
  doc
    .font(FONT.body)
    .fontSize(SIZE.body)
    .text(detail, x + 12, doc.y + 4, { width: width - 20 });
  doc.x = x;
  doc.y = top + boxHeight + 8;

  const score = (value: number | null, empty: string) => (value === null ? empty : formatScore(value, language));
  const pairs: [string, string, boolean?][] = [
    [
      t.resultLabels.rank,
      data.rank === null ? t.notRanked : fill(t.rankValue, { rank: data.rank, count: data.rankedCount }),
      data.rank !== null,
    ],
    [t.resultLabels.weightedTotal, score(data.weightedTotal, t.notScored)],
    [t.resultLabels.minWeightedTotal, score(data.minWeightedTotal, t.noThreshold)],
  ];
  if (data.reservePosition !== null) pairs.push([t.resultLabels.reservePosition, String(data.reservePosition), true]);
  drawPairs(doc, pairs);
}

function drawAmounts(doc: PDFKit.PDFDocument, t: DecisionLetterTemplate, data: DecisionLetterData): void {
  const language = data.language;
  drawHeading(doc, t.amountsHeading, 40);
  const funded = data.fundedFederalKopecks + data.fundedCofinancingKopecks;
  const rows: TableRow[] = [{ cells: [t.amountLabels.requestedFederal, formatRoubles(data.requestedFederalKopecks, language)] }];
  if (funded > 0n) {
    rows.push(
      { cells: [t.amountLabels.fundedFederal, formatRoubles(data.fundedFederalKopecks, language)], emphasis: true },
      { cells: [t.amountLabels.fundedCofinancing, formatRoubles(data.fundedCofinancingKopecks, language)] },
      { cells: [t.amountLabels.fundedTotal, formatRoubles(funded, language)], emphasis: true },
    );
  }
  drawAmountTable(doc, [t.amountColumns.item, t.amountColumns.amount], rows);
  if (funded === 0n) doc.moveDown(0.5).font(FONT.body).fontSize(SIZE.body).fillColor(TEXT).text(t.noFunding);
}

/**
 * One row per year and category (categories in order of first appearance) with the federal money and the
 * co-financing (regional plus extra-budgetary); a subtotal after each year and a grand total. The federal plus co-financing sum is in the funding summary above the table.
 */
export function fundingTableRows(data: DecisionLetterData, t: DecisionLetterTemplate): TableRow[] {
  const { language } = data;
  const byYear = new Map<number, Map<string, { federal: bigint; cofinancing: bigint }>>();
  for (const line of data.lines) {
    const year = byYear.get(line.year) ?? byYear.set(line.year, new Map()).get(line.year)!;
    const cell = year.get(line.category) ?? year.set(line.category, { federal: 0n, cofinancing: 0n }).get(line.category)!;
    if (line.source === 'federal') cell.federal += line.amountKopecks;
    else cell.cofinancing += line.amountKopecks;
  }
  const money = (amount: bigint) => formatRoubles(amount, language);
  const rows: TableRow[] = [];
  const grand = { federal: 0n, cofinancing: 0n };
  for (const year of [...byYear.keys()].sort((a, b) => a - b)) {
    const sum = { federal: 0n, cofinancing: 0n };
    for (const [category, cell] of byYear.get(year)!) {
      const title = data.categoryTitles[category]?.[language] ?? category;
      rows.push({ cells: [String(year), title, money(cell.federal), money(cell.cofinancing)] });
      sum.federal += cell.federal;
      sum.cofinancing += cell.cofinancing;
    }
    rows.push({ cells: ['', fill(t.yearTotal, { year }), money(sum.federal), money(sum.cofinancing)], emphasis: true });
    grand.federal += sum.federal;
    grand.cofinancing += sum.cofinancing;
  }
  if (rows.length) rows.push({ cells: ['', t.total, money(grand.federal), money(grand.cofinancing)], emphasis: true });
  return rows;
}

function drawFundingLines(doc: PDFKit.PDFDocument, t: DecisionLetterTemplate, data: DecisionLetterData): void {
  if (!data.lines.length) return;
  drawHeading(doc, t.linesHeading, 40);
  const rows = fundingTableRows(data, t);
  const c = t.lineColumns;
  const yearWidth = columnWidthFor(doc, [c.year, '0000'], FONT.bold, SIZE.table);
  const amountWidth = (index: number, header: string) =>
    columnWidthFor(doc, [...header.split(' '), ...rows.map((row) => row.cells[index])], FONT.bold, SIZE.table);
  const [federal, cofinancing] = [amountWidth(2, c.federal), amountWidth(3, c.cofinancing)];
  drawTable(doc, {
    columns: [
      { header: c.year, width: yearWidth },
      { header: c.category, width: contentWidth(doc) - yearWidth - federal - cofinancing },
      { header: c.federal, width: federal, align: 'right' },
      { header: c.cofinancing, width: cofinancing, align: 'right' },
    ],
    rows,
    fontSize: SIZE.table,
    continuedCaption: `${t.linesHeading} ${t.continued}`,
  });
}

function drawScores(doc: PDFKit.PDFDocument, t: DecisionLetterTemplate, data: DecisionLetterData): void {
  if (!data.criteria.length) return;
  const language = data.language;
  drawHeading(doc, t.scoresHeading, 80);
  doc
    .font(FONT.body)
    .fontSize(SIZE.small)
    .fillColor(MUTED)
    .text(t.scoresIntro, { width: contentWidth(doc), align: 'justify' });
  doc.fillColor(TEXT).moveDown(0.5);
  const scores = formatScoreColumn(
    data.criteria.map((criterion) => criterion.score),
    language,
    t.notScored,
  );
  const minimums = formatScoreColumn(
    data.criteria.map((criterion) => criterion.minScore),
    language,
    t.notScored,
  );
  const rows: TableRow[] = data.criteria.map((criterion, index) => {
    const below = criterion.score !== null && criterion.minScore !== null && criterion.score < criterion.minScore;
    return {
      cells: [
        String(index + 1),
        language === 'ru' ? criterion.titleRu : criterion.titleEn,
        fill(t.weightValue, { weight: formatScore(criterion.weight, language) }),
        minimums[index],
        below ? `${scores[index]}\n${t.belowMinimum}` : scores[index],
      ],
      detail: { text: fill(t.justification, { text: criterion.justification }), fontSize: 7.5 },
    };
  });
  const c = t.scoreColumns;
  const width = (index: number, header: string) =>
    columnWidthFor(doc, [header, ...rows.map((row) => row.cells[index])], FONT.bold, SIZE.table);
  const numberWidth = width(0, c.number);
  const weightWidth = width(2, c.weight);
  const minWidth = width(3, c.minScore);
  const scoreWidth = Math.max(columnWidthFor(doc, [c.score, t.belowMinimum], FONT.bold, SIZE.table), 50);
  drawTable(doc, {
    columns: [
      { header: c.number, width: numberWidth, align: 'right' },
      { header: c.criterion, width: contentWidth(doc) - numberWidth - weightWidth - minWidth - scoreWidth },
      { header: c.weight, width: weightWidth, align: 'right' },
      { header: c.minScore, width: minWidth, align: 'right' },
      { header: c.score, width: scoreWidth, align: 'right', font: FONT.bold },
    ],
    rows,
    fontSize: SIZE.table,
    continuedCaption: `${t.scoresHeading} ${t.continued}`,
  });
}

function drawAppeal(doc: PDFKit.PDFDocument, t: DecisionLetterTemplate, data: DecisionLetterData): void {
  const { appeal, language } = data;
  const form = new Intl.PluralRules(language).select(appeal.windowDays) as PluralCategory;
  const window = fill(t.appealWindow, {
    days: fill(t.appealDays[form] ?? t.appealDays.other, { days: appeal.windowDays }),
    deadline: formatBoth(appeal.deadline, data.cluster.timeZone, language),
  });
  const how = language === 'ru' ? appeal.howRu : appeal.howEn;
  const width = contentWidth(doc);
  doc.font(FONT.body).fontSize(SIZE.body);
  drawHeading(doc, t.appealHeading, doc.heightOfString(window, { width }) + 10);
  doc.font(FONT.body).fontSize(SIZE.body).fillColor(TEXT).text(window, { width, align: 'justify' });
  if (how) doc.moveDown(0.4).text(how, { width, align: 'justify' });
}

/** Position on the left, a rule to sign on, the name on the right; the note under them. Never split. */
function drawSignature(doc: PDFKit.PDFDocument, t: DecisionLetterTemplate, data: DecisionLetterData): void {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  const position = data.language === 'ru' ? data.signatory.positionRu : data.signatory.positionEn;
  const positionWidth = 220;
  doc.font(FONT.body).fontSize(SIZE.body);
  const positionHeight = doc.heightOfString(position, { width: positionWidth });
  doc.moveDown(2);
  ensureSpace(doc, positionHeight + 40);
  const top = doc.y;
  doc.fillColor(TEXT).text(position, x, top, { width: positionWidth });
  const baseline = top + positionHeight;
  doc
    .save()
    .lineWidth(0.5)
    .strokeColor(MUTED)
    .moveTo(x + positionWidth + 20, baseline)
    .lineTo(x + positionWidth + 120, baseline)
    .stroke()
    .restore();
  const nameLeft = x + positionWidth + 130;
  doc.font(FONT.bold).text(data.signatory.name, nameLeft, baseline - doc.currentLineHeight(), {
    width: x + width - nameLeft,
    align: 'right',
  });
  doc
    .font(FONT.body)
    .fontSize(SIZE.small)
    .fillColor(MUTED)
    .text(t.signatureNote, x, baseline + 10, { width });
  doc.fillColor(TEXT);
}
