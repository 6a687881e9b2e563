import ExcelJS from 'exceljs';
import { csvField, kopecksToDecimal, roublesCellValue } from '../submissions/export.writer';
import type { RunBidRow } from './allocations.repository';

const MONEY_FORMAT = '#,##0.00';

const HEADERS = [
  'rank',
  'registration_number',
  'cluster',
  'region',
  'weighted_total',
  'outcome',
  'reserve_position',
  'requested_federal_roubles',
  'funded_federal_roubles',
  'funded_cofinancing_roubles',
  'reason',
];

function rowOf(bid: RunBidRow) {
  return {
    text: [
      bid.rank === null ? '' : String(bid.rank),
      bid.registrationNumber,
      bid.clusterNameRu,
      bid.region,
      bid.weightedTotal ?? '',
      bid.outcome,
      bid.reservePosition === null ? '' : String(bid.reservePosition),
    ],
    money: [bid.requestedFederalKopecks, bid.fundedFederalKopecks, bid.fundedCofinancingKopecks],
    reason: bid.reason.ru,
  };
}

/** One line per bid in rank order (excluded bids last), `;`-separated for Russian Excel, amounts as decimal roubles. */
export function writeRunCsv(bids: RunBidRow[]): string {
  const lines = [HEADERS.join(';')];
  for (const bid of bids) {
    const { text, money, reason } = rowOf(bid);
    lines.push([...text.map((t) => csvField(t)), ...money.map((m) => kopecksToDecimal(m)), csvField(reason)].join(';'));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Sheets "Allocation" (a row per bid) and "Lines" (funded amounts per year, category and source); money as numbers. */
export async function writeRunXlsx(bids: RunBidRow[], output: NodeJS.WritableStream): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output as unknown as import('node:stream').Stream,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Allocation', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = HEADERS.map((header, index) => ({ header, width: index === 2 || index === 10 ? 48 : 18 }));
  sheet.getRow(1).font = { bold: true };
  for (const bid of bids) {
    const { text, money, reason } = rowOf(bid);
    const row = sheet.addRow([
      bid.rank,
      ...text.slice(1, 4),
      bid.weightedTotal === null ? null : Number(bid.weightedTotal),
      text[5],
      bid.reservePosition,
      ...money.map(roublesCellValue),
      reason,
    ]);
    for (const column of [8, 9, 10]) row.getCell(column).numFmt = MONEY_FORMAT;
    row.commit();
  }
  sheet.commit();
  const lines = workbook.addWorksheet('Lines', { views: [{ state: 'frozen', ySplit: 1 }] });
  lines.columns = ['registration_number', 'year', 'category', 'source', 'amount_roubles'].map((header) => ({ header, width: 22 }));
  lines.getRow(1).font = { bold: true };
  for (const bid of bids)
    for (const line of bid.lines) {
      const row = lines.addRow([
        bid.registrationNumber,
        line.year,
        line.category,
        line.source,
        roublesCellValue(BigInt(line.amountKopecks)),
      ]);
      row.getCell(5).numFmt = MONEY_FORMAT;
      row.commit();
    }
  lines.commit();
  await workbook.commit();
}
