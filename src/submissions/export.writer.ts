import ExcelJS from 'exceljs';
import { formatIsoInZone, MOSCOW_TIME_ZONE } from '../common/pdf/format';
import type { FundingSource } from './receipt.renderer';

export interface ExportLine {
  year: number;
  category: string;
  source: FundingSource;
  amountKopecks: string;
}

export interface ExportRow {
  registrationNumber: string | null;
  status: string;
  title: string;
  clusterName: string;
  regionCode: string;
  submittedAt: Date | null;
  version: number;
  lines: ExportLine[];
}

const SOURCES: readonly FundingSource[] = ['federal', 'regional', 'extra-budgetary'];

function toKopecks(amount: string): bigint {
  if (!/^-?\d+$/.test(amount)) throw new Error(`Not a whole number of kopecks: "${amount}"`);
  return BigInt(amount);
}

/** `12345` → `123.45`, `-5` → `-0.05`: exact decimal roubles from kopecks, never through a float. */
export function kopecksToDecimal(kopecks: bigint | string): string {
  const value = typeof kopecks === 'bigint' ? kopecks : toKopecks(kopecks);
  const absolute = value < 0n ? -value : value;
  return `${value < 0n ? '-' : ''}${absolute / 100n}.${(absolute % 100n).toString().padStart(2, '0')}`;
}

const submittedAtText = (date: Date | null) => (date ? formatIsoInZone(date, MOSCOW_TIME_ZONE) : '');

// ---------------------------------------------------------------------------------------------------- CSV

const CSV_COLUMNS = [
  'registration_number',
  'status',
  'title',
  'cluster',
  'region',
  'submitted_at_moscow',
  'version',
  'year',
  'category',
  'source',
  'amount_roubles',
];

/**
 * One CSV field for Russian Excel: text that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, CR
 * first; OWASP's list) gets a leading `'`, since titles come from applicants; then quoted when it holds `;`, `"`
 * or a line break.
 */
export function csvField(value: string, { text = true } = {}): string {
  const guarded = text && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

const csvLine = (fields: string[]) => `${fields.join(';')}\r\n`;

/**
 * The CSV's lines (header first, each ending in CRLF, no BOM): one per budget line with the bid's columns repeated;
 * a bid without lines still gets one line, with the budget columns empty. Stream these for large exports.
 */
export function* submissionsCsvLines(rows: Iterable<ExportRow>): Generator<string> {
  yield csvLine(CSV_COLUMNS);
  for (const row of rows) {
    const bid = [
      csvField(row.registrationNumber ?? ''),
      csvField(row.status),
      csvField(row.title),
      csvField(row.clusterName),
      csvField(row.regionCode),
      submittedAtText(row.submittedAt),
      String(row.version),
    ];
    if (!row.lines.length) yield csvLine([...bid, '', '', '', '']);
    for (const line of row.lines) {
      yield csvLine([...bid, String(line.year), csvField(line.category), line.source, kopecksToDecimal(line.amountKopecks)]);
    }
  }
}

/** UTF-8 CSV with a BOM and `;` separators, as Excel in a Russian locale opens it without an import dialog. */
export function writeSubmissionsCsv(rows: ExportRow[]): string {
  let csv = '\uFEFF';
  for (const line of submissionsCsvLines(rows)) csv += line;
  return csv;
}

// ---------------------------------------------------------------------------------------------------- XLSX

const MONEY_FORMAT = '#,##0.00';
const MAX_EXACT = 2n ** 53n;

/**
 * Roubles as a spreadsheet number. `Number(kopecks) / 100` is the double nearest the exact decimal (both steps are
 * exact or correctly rounded) while kopecks stay below 2^53; beyond that a number cell would lie, so the exact
 * decimal goes in as text instead.
 */
export function roublesCellValue(kopecks: bigint): number | string {
  const absolute = kopecks < 0n ? -kopecks : kopecks;
  return absolute < MAX_EXACT ? Number(kopecks) / 100 : kopecksToDecimal(kopecks);
}

type Sums = Record<FundingSource, bigint>;
const emptySums = (): Sums => ({ federal: 0n, regional: 0n, 'extra-budgetary': 0n });
const NOT_COUNTED = ['withdrawn', 'ineligible'];

const total = (sums: Sums) => sums.federal + sums.regional + sums['extra-budgetary'];
const sumsCells = (sums: Sums) => [...SOURCES.map((source) => roublesCellValue(sums[source])), roublesCellValue(total(sums))];

function addSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: { header: string; width: number; money?: boolean }[],
) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map(({ header, width, money }) => ({ header, width, ...(money ? { style: { numFmt: MONEY_FORMAT } } : {}) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const moneyColumns = columns.flatMap((column, index) => (column.money ? [index + 1] : []));
  return {
    sheet,
    add(values: (string | number | null)[], bold = false) {
      const row = sheet.addRow(values);
      for (const column of moneyColumns) row.getCell(column).numFmt = MONEY_FORMAT;
      if (bold) row.font = { bold: true };
      row.commit();
    },
  };
}

const SUM_COLUMNS = [
  { header: 'Federal, RUB', width: 18, money: true },
  { header: 'Regional, RUB', width: 18, money: true },
  { header: 'Extra-budgetary, RUB', width: 20, money: true },
  { header: 'Total, RUB', width: 18, money: true },
];

/**
 * The export as an XLSX workbook written row by row to `output` (exceljs' streaming writer, no shared strings),
 * so a large export is never built in memory: "Bids" (one row per bid, amounts by source), "Budget lines" (one row
 * per line) and "Totals" (by year, by category, overall). Money cells are numbers in roubles with kopecks.
 */
export async function writeSubmissionsXlsx(rows: ExportRow[], output: NodeJS.WritableStream): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output as unknown as import('node:stream').Stream,
    useStyles: true,
    useSharedStrings: false,
  });
  const byYear = new Map<number, Sums>();
  const byCategory = new Map<string, Sums>();
  const overall = emptySums();

  const bids = addSheet(workbook, 'Bids', [
    { header: 'Registration number', width: 20 },
    { header: 'Status', width: 14 },
    { header: 'Title', width: 50 },
    { header: 'Cluster', width: 40 },
    { header: 'Region', width: 10 },
    { header: 'Submitted at (Moscow)', width: 26 },
    { header: 'Version', width: 9 },
    ...SUM_COLUMNS,
  ]);
  for (const row of rows) {
    const sums = emptySums();
    // Withdrawn and ineligible bids are listed but hold no place: the totals are of the bids still in the running.
    const counts = !NOT_COUNTED.includes(row.status);
    for (const line of row.lines) {
      const amount = toKopecks(line.amountKopecks);
      sums[line.source] += amount;
      if (!counts) continue;
      overall[line.source] += amount;
      for (const [map, key] of [
        [byYear, line.year],
        [byCategory, line.category],
      ] as [Map<unknown, Sums>, unknown][]) {
        if (!map.has(key)) map.set(key, emptySums());
        map.get(key)![line.source] += amount;
      }
    }
    bids.add([
      row.registrationNumber,
      row.status,
      row.title,
      row.clusterName,
      row.regionCode,
      submittedAtText(row.submittedAt) || null,
      row.version,
      ...sumsCells(sums),
    ]);
  }
  bids.sheet.commit();

  const lines = addSheet(workbook, 'Budget lines', [
    { header: 'Registration number', width: 20 },
    { header: 'Year', width: 8 },
    { header: 'Category', width: 30 },
    { header: 'Source', width: 16 },
    { header: 'Amount, RUB', width: 18, money: true },
  ]);
  for (const row of rows) {
    for (const line of row.lines) {
      lines.add([row.registrationNumber, line.year, line.category, line.source, roublesCellValue(toKopecks(line.amountKopecks))]);
    }
  }
  lines.sheet.commit();

  const totals = addSheet(workbook, 'Totals', [{ header: 'Year / category', width: 30 }, ...SUM_COLUMNS]);
  totals.add(['By year'], true);
  for (const year of [...byYear.keys()].sort((a, b) => a - b)) totals.add([String(year), ...sumsCells(byYear.get(year)!)]);
  totals.add([]);
  totals.add(['By category'], true);
  for (const category of [...byCategory.keys()].sort()) totals.add([category, ...sumsCells(byCategory.get(category)!)]);
  totals.add([]);
  totals.add(['Total (withdrawn and ineligible bids excluded)', ...sumsCells(overall)], true);
  totals.sheet.commit();

  await workbook.commit();
}
