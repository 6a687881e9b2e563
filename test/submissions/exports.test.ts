import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aCompleteDraft, anApplicantWithCluster, openProgramme, validLines } from '../support/bids';
import { createTestApp, TestApp, TestUser } from '../support/test-app';
import { API, auditRows, binary, expectError, lines, routes } from './api-helpers';

/** The text of a PDF, as poppler's pdftotext reads it. */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'konkurs-pdf-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'in.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Splits `;`-separated CSV text (CRLF lines, `"` quoting with `""` escapes) into rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ';') {
      endField();
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else {
      field += c;
    }
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

describe('exports, receipt PDFs and the audit trail of bids', () => {
  let t: TestApp;
  let ministry: TestUser;
  let auditor: TestUser;
  let r: ReturnType<typeof routes>;
  let programme: { id: string; code: string };
  let a: Awaited<ReturnType<typeof anApplicantWithCluster>>;
  let b: Awaited<ReturnType<typeof anApplicantWithCluster>>;
  let first: { id: string; receipt: Record<string, string> };
  let second: { id: string; receipt: Record<string, string> };
  let withdrawn: { id: string; receipt: Record<string, string> };

  const get = (as: TestUser | null, path: string) => {
    const request = t.http().get(`${API}${path}`);
    return (as ? request.set(as.auth) : request).buffer(true).parse(binary);
  };

  beforeAll(async () => {
    t = await createTestApp();
    ministry = await t.user('ministry');
    auditor = await t.user('auditor');
    r = routes(t);
    programme = await openProgramme(t, ministry, { singleActiveBid: false });
    a = await anApplicantWithCluster(t, ministry, { nameRu: 'Томский кластер', regionCode: 'RU-TOM' });
    b = await anApplicantWithCluster(t, ministry, { nameRu: 'Новосибирский кластер', regionCode: 'RU-NVS', timeZone: 'Asia/Novosibirsk' });

    // 100 000 000,00 ₽ federal, 42 857 142,86 ₽ regional
    const one = await aCompleteDraft(t, a.user, programme.id, validLines(2027, 10_000_000_000n));
    first = { id: one.id, receipt: (await r.submit(a.user, one.id).expect(201)).body };

    // resubmitted with other amounts: the export shows the version that counts, not the first one nor the working copy
    const two = await aCompleteDraft(t, b.user, programme.id, lines(['federal', 5_000_000_000n], ['regional', 3_000_000_000n]));
    await r.submit(b.user, two.id).expect(201);
    await r
      .patch(b.user, two.id, {
        title: '=HYPERLINK("http://evil.example";"click")',
        budgetLines: lines(
          ['federal', 7_000_000_050n, 2027],
          ['federal', 1_000_000_000n, 2028, 'training-and-education'],
          ['regional', 4_000_000_000n],
          ['extra-budgetary', 1n, 2028],
        ),
      })
      .expect(200);
    second = { id: two.id, receipt: (await r.submit(b.user, two.id).expect(201)).body };
    await r.patch(b.user, two.id, { budgetLines: lines(['federal', 1n], ['regional', 1n]) }).expect(200);

    const three = await aCompleteDraft(t, a.user, programme.id, lines(['federal', 70_000n], ['regional', 30_000n]));
    withdrawn = { id: three.id, receipt: (await r.submit(a.user, three.id).expect(201)).body };
    await r.withdraw(a.user, three.id).expect(200);

    await aCompleteDraft(t, a.user, programme.id); // a draft is not exported
  });
  afterAll(() => t.close());

  it('exports CSV for the ministry: every bid past the draft stage, one row per budget line, roubles with two decimals', async () => {
    const response = await get(ministry, `/programmes/${programme.id}/submissions/export.csv`).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="${programme.code}-bids\\.csv"`));
    const text = (response.body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...data] = parseCsv(text.slice(1));
    expect(header).toEqual([
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
    ]);
    const summary = data.map(([number, status, , cluster, region, , version, year, category, source, amount]) =>
      [number, status, cluster, region, version, year, category, source, amount].join(' '),
    );
    expect(summary).toEqual([
      `${first.receipt.registrationNumber} submitted Томский кластер RU-TOM 1 2027 joint-rnd federal 100000000.00`,
      `${first.receipt.registrationNumber} submitted Томский кластер RU-TOM 1 2027 joint-rnd regional 42857142.86`,
      `${second.receipt.registrationNumber} submitted Новосибирский кластер RU-NVS 2 2027 joint-rnd federal 70000000.50`,
      `${second.receipt.registrationNumber} submitted Новосибирский кластер RU-NVS 2 2027 joint-rnd regional 40000000.00`,
      `${second.receipt.registrationNumber} submitted Новосибирский кластер RU-NVS 2 2028 joint-rnd extra-budgetary 0.01`,
      `${second.receipt.registrationNumber} submitted Новосибирский кластер RU-NVS 2 2028 training-and-education federal 10000000.00`,
      `${withdrawn.receipt.registrationNumber} withdrawn Томский кластер RU-TOM 1 2027 joint-rnd federal 700.00`,
      `${withdrawn.receipt.registrationNumber} withdrawn Томский кластер RU-TOM 1 2027 joint-rnd regional 300.00`,
    ]);
    for (const row of data) expect(row[10]).toMatch(/^\d+\.\d{2}$/);
    // the applicant's title cannot become a spreadsheet formula
    expect(data[2][2]).toBe(`'=HYPERLINK("http://evil.example";"click")`);
    expect(text).toContain(`;"'=HYPERLINK(""http://evil.example"";""click"")";`);
    // Moscow time of the counting version
    expect(data[0][5]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+03:00$/);
    expect(new Date(data[0][5]).getTime()).toBe(Math.floor(new Date(first.receipt.submittedAt).getTime() / 1000) * 1000);
  });

  it('exports XLSX that reads back with the same bids and numeric rouble amounts', async () => {
    const response = await get(auditor, `/programmes/${programme.id}/submissions/export.xlsx`).expect(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="${programme.code}-bids\\.xlsx"`));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Bids', 'Budget lines', 'Totals']);

    const values = (sheet: string) => {
      const rows: unknown[][] = [];
      workbook.getWorksheet(sheet)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };
    const bids = values('Bids');
    expect(bids[0]).toEqual([
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
    expect(bids.slice(1).map((row) => [row[0], row[1], row[6], ...row.slice(7)])).toEqual([
      [first.receipt.registrationNumber, 'submitted', 1, 100000000, 42857142.86, 0, 142857142.86],
      [second.receipt.registrationNumber, 'submitted', 2, 80000000.5, 40000000, 0.01, 120000000.51],
      [withdrawn.receipt.registrationNumber, 'withdrawn', 1, 700, 300, 0, 1000],
    ]);
    expect(bids[2][2]).toBe('=HYPERLINK("http://evil.example";"click")'); // a text cell, not a formula
    expect(workbook.getWorksheet('Bids')!.getCell('C3').type).toBe(ExcelJS.ValueType.String);

    const budgetLines = values('Budget lines');
    expect(budgetLines).toHaveLength(1 + 8);
    expect(budgetLines[1]).toEqual([first.receipt.registrationNumber, 2027, 'joint-rnd', 'federal', 100000000]);
    for (const row of budgetLines.slice(1)) expect(typeof row[4]).toBe('number');

    const totals = values('Totals');
    // The withdrawn bid (700 + 300 roubles) is listed but not counted in the totals.
    expect(totals[totals.length - 1]).toEqual([
      'Total (withdrawn and ineligible bids excluded)',
      180000000.5,
      82857142.86,
      0.01,
      262857143.37,
    ]);
  });

  it('refuses exports to applicants and commissioners (403), anonymous (401), and answers 404 for an unknown programme', async () => {
    for (const format of ['csv', 'xlsx']) {
      const path = `/programmes/${programme.id}/submissions/export.${format}`;
      expectError(await get(a.user, path), 403, 'FORBIDDEN');
      expectError(await get(await t.user('commissioner'), path), 403, 'FORBIDDEN');
      expectError(await get(null, path), 401, 'UNAUTHENTICATED');
      expectError(await get(ministry, `/programmes/00000000-0000-4000-8000-000000000000/submissions/export.${format}`), 404, 'NOT_FOUND');
    }
  });

  it('renders the receipt PDF in Russian and English with the number, the federal amount and the content hash', async () => {
    const { registrationNumber, contentSha256 } = first.receipt;
    const ru = await get(a.user, `/submissions/${first.id}/versions/1/receipt.pdf`).expect(200);
    expect(ru.headers['content-type']).toBe('application/pdf');
    expect(ru.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="receipt-${registrationNumber}-v1-ru\\.pdf"`));
    const ruText = pdfText(ru.body as Buffer);
    expect(ruText).toContain(registrationNumber);
    expect(ruText).toContain('100 000 000,00 ₽');
    expect(ruText.replace(/\s+/g, '')).toContain(contentSha256);

    const en = await get(a.user, `/submissions/${first.id}/versions/1/receipt.pdf?lang=en`).expect(200);
    const enText = pdfText(en.body as Buffer);
    expect(enText).toContain(registrationNumber);
    expect(enText).toContain('RUB 100,000,000.00');
    expect(enText.replace(/\s+/g, '')).toContain(contentSha256);

    // each version has its own receipt: version 2 of the resubmitted bid shows its own amount and hash
    const v2 = pdfText((await get(b.user, `/submissions/${second.id}/versions/2/receipt.pdf?lang=en`).expect(200)).body as Buffer);
    expect(v2).toContain('RUB 80,000,000.50');
    expect(v2.replace(/\s+/g, '')).toContain(second.receipt.contentSha256);

    expect((await get(ministry, `/submissions/${first.id}/versions/1/receipt.pdf`)).status).toBe(200);
    expectError(await get(b.user, `/submissions/${first.id}/versions/1/receipt.pdf`), 404, 'NOT_FOUND');
    expectError(await get(a.user, `/submissions/${first.id}/versions/2/receipt.pdf`), 404, 'NOT_FOUND');
    expectError(await get(a.user, `/submissions/${first.id}/versions/1/receipt.pdf?lang=de`), 400, 'VALIDATION_FAILED');
  });

  it('audits creation, attachments, every submission (with version and content hash) and the withdrawal; the chain stays valid', async () => {
    const actions = (await auditRows(t, withdrawn.id)).map((row) => row.action);
    expect(actions).toEqual(['submission.created', 'submission.attachment_added', 'submission.submitted', 'submission.withdrawn']);

    const submitted = await auditRows(t, second.id, 'submission.submitted');
    expect(submitted).toHaveLength(2);
    expect(submitted[1]).toMatchObject({
      actor_id: b.user.id,
      actor_role: 'applicant',
      before: { status: 'submitted', currentVersion: 1 },
      after: {
        version: 2,
        registrationNumber: second.receipt.registrationNumber,
        contentSha256: second.receipt.contentSha256,
        federalKopecks: '8000000050',
      },
    });
    const { rows } = await t.db.query(
      `SELECT entity_type, request_id FROM audit_log WHERE entity_id = $1 AND action = 'submission.submitted'`,
      [second.id],
    );
    expect(rows.every((row) => row.entity_type === 'submission' && typeof row.request_id === 'string')).toBe(true);

    // an attachment removed is audited too
    const [attachment] = (await r.view(a.user, first.id)).body.attachments;
    await r.removeAttachment(a.user, first.id, attachment.id).expect(204);
    expect((await auditRows(t, first.id, 'submission.attachment_removed')).length).toBe(1);

    const verify = await t.http().get(`${API}/audit/verify`).set(auditor.auth).expect(200);
    expect(verify.body).toMatchObject({ valid: true, firstBrokenSeq: null });
  });
});
