import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import {
  csvField,
  ExportRow,
  kopecksToDecimal,
  roublesCellValue,
  submissionsCsvLines,
  writeSubmissionsCsv,
  writeSubmissionsXlsx,
} from './export.writer';

function aRow(overrides: Partial<ExportRow> = {}): ExportRow {
  return {
    registrationNumber: 'CL20-2016-00017',
    status: 'submitted',
    title: 'Центр компетенций кластера',
    clusterName: 'Фармацевтика, медицинская техника и IT Томской области',
    regionCode: 'RU-TOM',
    submittedAt: new Date('2016-09-26T20:59:59Z'),
    version: 2,
    lines: [
      { year: 2016, category: 'joint-rnd', source: 'federal', amountKopecks: '123456789' },
      { year: 2017, category: 'joint-rnd', source: 'regional', amountKopecks: '12345' },
      { year: 2017, category: 'training-and-education', source: 'extra-budgetary', amountKopecks: '5' },
    ],
    ...overrides,
  };
}

const rows = (): ExportRow[] => [
  aRow(),
  aRow({
    registrationNumber: 'CL20-2016-00018',
    title: 'Совместные исследования; этап "2.0"\nвторая строка',
    clusterName: 'Кластер «Северный»',
    regionCode: 'RU-MOS',
    version: 1,
    lines: [{ year: 2016, category: 'joint-rnd', source: 'federal', amountKopecks: '19750000000' }],
  }),
  aRow({ registrationNumber: null, status: 'draft', title: '=HYPERLINK("http://evil")', submittedAt: null, version: 1, lines: [] }),
];

describe('kopecksToDecimal', () => {
  it.each([
    ['0', '0.00'],
    ['5', '0.05'],
    ['12345', '123.45'],
    ['123456789', '1234567.89'],
    ['19750000000', '197500000.00'],
    ['-5', '-0.05'],
    ['900719925474099199', '9007199254740991.99'],
  ])('%s kopecks → %s', (kopecks, expected) => expect(kopecksToDecimal(kopecks)).toBe(expected));

  it('refuses anything but whole kopecks', () => {
    expect(() => kopecksToDecimal('12.5')).toThrow(/whole number of kopecks/);
    expect(() => kopecksToDecimal('1e5')).toThrow(/whole number of kopecks/);
  });
});

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a;b', '"a;b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+2', "'=1+2"],
    ['+7 913 000', "'+7 913 000"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['=A1;B1', `"'=A1;B1"`],
    ['a=b', 'a=b'],
  ])('%j → %j', (value, expected) => expect(csvField(value)).toBe(expected));
});

describe('writeSubmissionsCsv', () => {
  const csv = writeSubmissionsCsv(rows());

  it('starts with a BOM and uses ; and CRLF', () => {
    expect(
      csv.startsWith(
        '\uFEFFregistration_number;status;title;cluster;region;submitted_at_moscow;version;year;category;source;amount_roubles\r\n',
      ),
    ).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('writes one row per budget line with the bid columns repeated and exact amounts', () => {
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe(
      'CL20-2016-00017;submitted;Центр компетенций кластера;Фармацевтика, медицинская техника и IT Томской области;RU-TOM;' +
        '2016-09-26T23:59:59+03:00;2;2016;joint-rnd;federal;1234567.89',
    );
    expect(lines[2]).toMatch(/;2017;joint-rnd;regional;123\.45$/);
    expect(lines[3]).toMatch(/;2017;training-and-education;extra-budgetary;0\.05$/);
    expect(lines[4]).toBe(
      'CL20-2016-00018;submitted;"Совместные исследования; этап ""2.0""\nвторая строка";Кластер «Северный»;RU-MOS;' +
        '2016-09-26T23:59:59+03:00;1;2016;joint-rnd;federal;197500000.00',
    );
  });

  it('keeps a bid without lines as one row and guards formulas', () => {
    const last = csv.slice(1).split('\r\n').at(-2);
    expect(last).toBe(`;draft;"'=HYPERLINK(""http://evil"")";Фармацевтика, медицинская техника и IT Томской области;RU-TOM;;1;;;;`);
  });

  it('streams the same lines', () => {
    expect('\uFEFF' + [...submissionsCsvLines(rows())].join('')).toBe(csv);
  });
});

describe('roublesCellValue', () => {
  it('is the exact decimal as a number below 2^53 kopecks and text above', () => {
    expect(roublesCellValue(123456789n)).toBe(1234567.89);
    expect(roublesCellValue(-12345n)).toBe(-123.45);
    expect(roublesCellValue(2n ** 53n - 1n)).toBe(90071992547409.91);
    expect(roublesCellValue(2n ** 53n)).toBe('90071992547409.92');
  });
});

describe('writeSubmissionsXlsx', () => {
  async function written(input: ExportRow[]) {
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk));
    await writeSubmissionsXlsx(input, output);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    return workbook;
  }
  const values = (sheet: ExcelJS.Worksheet) => {
    const all: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => all.push((row.values as unknown[]).slice(1)));
    return all;
  };

  it('writes Bids, Budget lines and Totals with numeric money cells', async () => {
    const workbook = await written(rows());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Bids', 'Budget lines', 'Totals']);

    const bids = workbook.getWorksheet('Bids')!;
    expect(values(bids)[0]).toEqual([
      'Registration number',
      'Status',
      'Title',
      'Cluster',
      'Region',
      'Submitted at (Moscow)',
      'Version',
      'Federal, RUB',
      'Regional, RUB',
      'Extra-budgetary, RUB',
      'Total, RUB',
    ]);
    expect(values(bids)[1]).toEqual([
      'CL20-2016-00017',
      'submitted',
      'Центр компетенций кластера',
      'Фармацевтика, медицинская техника и IT Томской области',
      'RU-TOM',
      '2016-09-26T23:59:59+03:00',
      2,
      1234567.89,
      123.45,
      0.05,
      1234691.39,
    ]);
    expect(bids.getRow(2).getCell(8).numFmt).toBe('#,##0.00');
    expect(values(bids)[2].slice(7)).toEqual([197500000, 0, 0, 197500000]);
    // A draft: no number, no time, zero money; its title stays text (xlsx cells are never formulas).
    const draft = values(bids)[3];
    expect(draft[0]).toBeUndefined();
    expect(draft[2]).toBe('=HYPERLINK("http://evil")');
    expect(draft[5]).toBeUndefined();
    expect(draft.slice(7)).toEqual([0, 0, 0, 0]);
    expect(bids.rowCount).toBe(4);

    const lines = workbook.getWorksheet('Budget lines')!;
    expect(values(lines).slice(1)).toEqual([
      ['CL20-2016-00017', 2016, 'joint-rnd', 'federal', 1234567.89],
      ['CL20-2016-00017', 2017, 'joint-rnd', 'regional', 123.45],
      ['CL20-2016-00017', 2017, 'training-and-education', 'extra-budgetary', 0.05],
      ['CL20-2016-00018', 2016, 'joint-rnd', 'federal', 197500000],
    ]);
    expect(lines.getRow(2).getCell(5).numFmt).toBe('#,##0.00');

    const totals = values(workbook.getWorksheet('Totals')!);
    const find = (label: string) => totals.find((row) => row[0] === label)?.slice(1);
    expect(find('2016')).toEqual([198734567.89, 0, 0, 198734567.89]);
    expect(find('2017')).toEqual([0, 123.45, 0.05, 123.5]);
    expect(find('joint-rnd')).toEqual([198734567.89, 123.45, 0, 198734691.34]);
    expect(find('training-and-education')).toEqual([0, 0, 0.05, 0.05]);
    expect(find('Total (withdrawn and ineligible bids excluded)')).toEqual([198734567.89, 123.45, 0.05, 198734691.39]);
  });

  it('writes an empty export with headers only and zero totals', async () => {
    const workbook = await written([]);
    expect(workbook.getWorksheet('Bids')!.rowCount).toBe(1);
    expect(workbook.getWorksheet('Budget lines')!.rowCount).toBe(1);
    expect(
      values(workbook.getWorksheet('Totals')!)
        .find((row) => row[0] === 'Total (withdrawn and ineligible bids excluded)')
        ?.slice(1),
    ).toEqual([0, 0, 0, 0]);
  });
});
