import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { A_PDF, aCompleteDraft, anApplicantWithCluster, openProgramme } from '../support/bids';
import { createTestApp, TestApp, TestUser } from '../support/test-app';
import { API, auditRows, detail, expectError, expectNothingWritten, routes } from './api-helpers';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const HTML = Buffer.from('<!doctype html><script>alert(1)</script>');
/** A PDF-looking body of exactly `size` bytes. */
const pdfOfSize = (size: number, fill = 'x') => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 9, fill)]);

describe('attachments', () => {
  let t: TestApp;
  let storageDir: string;
  let ministry: TestUser;
  let r: ReturnType<typeof routes>;
  let programme: { id: string; code: string };
  let applicant: TestUser;
  let draftId: string;

  beforeAll(async () => {
    storageDir = mkdtempSync(join(tmpdir(), 'konkurs-attachments-'));
    t = await createTestApp({ storageDir });
    ministry = await t.user('ministry');
    r = routes(t);
    programme = await openProgramme(t, ministry, {
      maxAttachmentBytes: 2048,
      attachmentKinds: [
        { code: 'regional-letter', titleRu: 'Письмо субъекта РФ', titleEn: 'Regional letter', required: true },
        { code: 'roadmap', titleRu: 'Дорожная карта', titleEn: 'Roadmap', required: false },
      ],
    });
    applicant = (await anApplicantWithCluster(t, ministry)).user;
    draftId = (await r.create(applicant, programme.id, { title: 'Черновик' }).expect(201)).body.id;
  });
  afterAll(async () => {
    await t.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  const tmpFiles = () => (existsSync(join(storageDir, 'tmp')) ? readdirSync(join(storageDir, 'tmp')) : []);
  const storedPath = (hash: string) => join(storageDir, hash.slice(0, 2), hash);

  /** A refused upload: the status and code, no row, no audit, and no file left behind in storage's tmp folder. */
  async function expectUploadRefused(send: () => Promise<import('supertest').Response>, status: number, code: string) {
    const response = await expectNothingWritten(t, send);
    expectError(response, status, code);
    expect(tmpFiles()).toEqual([]);
    return response;
  }

  it('stores a PDF by its sha256, answers its metadata, audited, and downloads the same bytes as an attachment', async () => {
    const uploaded = await r.upload(applicant, draftId, A_PDF, { fileName: 'Письмо губернатора.pdf' }).expect(201);
    expect(uploaded.body).toEqual({
      id: expect.any(String),
      kind: 'regional-letter',
      fileName: 'Письмо губернатора.pdf',
      sizeBytes: A_PDF.length,
      sha256: sha256(A_PDF),
      uploadedAt: expect.any(String),
    });
    expect(readFileSync(storedPath(sha256(A_PDF)))).toEqual(A_PDF);
    const { rows } = await t.db.query('SELECT sha256, size_bytes, uploaded_by FROM submission_attachments WHERE id = $1', [
      uploaded.body.id,
    ]);
    expect(rows).toEqual([{ sha256: sha256(A_PDF), size_bytes: A_PDF.length, uploaded_by: applicant.id }]);
    expect(await auditRows(t, draftId, 'submission.attachment_added')).toEqual([
      expect.objectContaining({
        actor_id: applicant.id,
        after: { kind: 'regional-letter', sha256: sha256(A_PDF), sizeBytes: A_PDF.length },
      }),
    ]);

    const downloaded = await r.download(applicant, draftId, uploaded.body.id).expect(200);
    expect(downloaded.body).toEqual(A_PDF);
    expect(downloaded.headers['content-type']).toBe('application/pdf');
    expect(downloaded.headers['content-disposition']).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''/);
    expect(downloaded.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Письмо губернатора.pdf')}`);
    expect(downloaded.headers['x-content-sha256']).toBe(sha256(A_PDF));
    expect(downloaded.headers['x-content-type-options']).toBe('nosniff');
    expect(sha256(downloaded.body)).toBe(rows[0].sha256);
  });

  it('replaces the file of the same kind, keeping one row; another kind is a second row', async () => {
    const id = (await r.create(applicant, programme.id, { title: 'Замена' }).expect(201)).body.id;
    const first = await r.upload(applicant, id, A_PDF).expect(201);
    const other = pdfOfSize(1000, 'y');
    const second = await r.upload(applicant, id, other, { fileName: 'letter-v2.pdf' }).expect(201);
    expect(second.body).toMatchObject({ kind: 'regional-letter', fileName: 'letter-v2.pdf', sha256: sha256(other), sizeBytes: 1000 });
    const { rows } = await t.db.query('SELECT kind, sha256, file_name FROM submission_attachments WHERE submission_id = $1', [id]);
    expect(rows).toEqual([{ kind: 'regional-letter', sha256: sha256(other), file_name: 'letter-v2.pdf' }]);
    // the old file is still in storage (a submitted version may point at it), the row now points to the new one
    expect(existsSync(storedPath(sha256(A_PDF)))).toBe(true);
    const current = (await r.view(applicant, id)).body.attachments;
    expect(current).toEqual([expect.objectContaining({ sha256: sha256(other) })]);
    expect((await r.download(applicant, id, current[0].id).expect(200)).body).toEqual(other);
    if (current[0].id !== first.body.id) await r.download(applicant, id, first.body.id).expect(404);

    await r.upload(applicant, id, A_PDF, { kind: 'roadmap', fileName: 'roadmap.pdf' }).expect(201);
    expect((await r.view(applicant, id)).body.attachments.map((a: { kind: string }) => a.kind)).toEqual(['regional-letter', 'roadmap']);
  });

  it('accepts exactly the size limit and refuses one byte more with 413, leaving no row and no file', async () => {
    const id = (await r.create(applicant, programme.id, { title: 'Размер' }).expect(201)).body.id;
    const atLimit = pdfOfSize(2048);
    await r.upload(applicant, id, atLimit).expect(201);
    const over = pdfOfSize(2049, 'z');
    const refused = await expectUploadRefused(
      () => r.upload(applicant, id, over, { kind: 'roadmap' }),
      413,
      'SUBMISSION_ATTACHMENT_TOO_LARGE',
    );
    expect(refused.body.error.details).toEqual([detail('body', 'maxBytes')]);
    expect(existsSync(storedPath(sha256(over)))).toBe(false);
    const big = pdfOfSize(3000, 'w');
    await expectUploadRefused(() => r.upload(applicant, id, big, { kind: 'roadmap' }), 413, 'SUBMISSION_ATTACHMENT_TOO_LARGE');
    expect(existsSync(storedPath(sha256(big)))).toBe(false);
  });

  it('refuses what is not a PDF (415), whatever the Content-Type says', async () => {
    for (const body of [PNG, HTML, Buffer.from('%PDF'), Buffer.from('%pdf-1.4 lower case'), Buffer.from(' %PDF-1.4 leading space')]) {
      const refused = await expectUploadRefused(
        () => r.upload(applicant, draftId, body, { kind: 'roadmap' }),
        415,
        'SUBMISSION_ATTACHMENT_NOT_PDF',
      );
      expect(refused.body.error.details).toEqual([detail('body', 'isPdf')]);
    }
    await expectUploadRefused(
      () => r.upload(applicant, draftId, Buffer.alloc(0), { kind: 'roadmap' }),
      415,
      'SUBMISSION_ATTACHMENT_NOT_PDF',
    );
  });

  it('refuses a wrong Content-Type (415), even for real PDF bytes', async () => {
    await expectUploadRefused(
      () => r.upload(applicant, draftId, A_PDF, { kind: 'roadmap', type: 'application/json' }),
      415,
      'SUBMISSION_ATTACHMENT_NOT_PDF',
    );
    for (const type of ['text/html', 'image/png', 'application/octet-stream']) {
      const refused = await expectNothingWritten(t, () => r.upload(applicant, draftId, A_PDF, { kind: 'roadmap', type }));
      expect(refused.status).toBe(415);
    }
    expect(tmpFiles()).toEqual([]);
  });

  it('refuses an attachment kind the programme does not ask for (400)', async () => {
    const unknown = await expectUploadRefused(
      () => r.upload(applicant, draftId, A_PDF, { kind: 'passport' }),
      400,
      'SUBMISSION_ATTACHMENT_KIND_UNKNOWN',
    );
    expect(unknown.body.error.details).toEqual([detail('kind', 'knownKind')]);
    const malformed = await expectUploadRefused(() => r.upload(applicant, draftId, A_PDF, { kind: '../x' }), 400, 'VALIDATION_FAILED');
    expect(malformed.body.error.details).toEqual([detail('kind', 'matches')]);
    await expectUploadRefused(
      () =>
        t.http().post(`${API}/submissions/${draftId}/attachments`).set(applicant.auth).set('Content-Type', 'application/pdf').send(A_PDF),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('keeps only a harmless display name from the file name; the file lives at its sha256', async () => {
    const id = (await r.create(applicant, programme.id, { title: 'Имена' }).expect(201)).body.id;
    const names: [string, string][] = [
      ['../../etc/passwd.pdf', 'passwd.pdf'],
      ['..\\..\\windows\\win.ini', 'win.ini.pdf'],
      ['..', 'roadmap.pdf'],
      ['a"b<c>|d.pdf', 'abcd.pdf'],
      ['report', 'report.pdf'],
      ['invoice\u202Efdp.exe', 'invoicefdp.exe.pdf'],
      ['tab\there\u0085.pdf', 'tabhere.pdf'],
    ];
    for (const [given, kept] of names) {
      const content = pdfOfSize(100, given[0]);
      const uploaded = await r.upload(applicant, id, content, { kind: 'roadmap', fileName: given }).expect(201);
      expect(uploaded.body.fileName).toBe(kept);
      const file = await r.download(applicant, id, uploaded.body.id).expect(200);
      expect(file.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="${kept.replace(/\./g, '\\.')}"`));
      expect(readFileSync(storedPath(sha256(content)))).toEqual(content);
    }
    expect(existsSync('/etc/passwd.pdf')).toBe(false);
    expect(readdirSync(storageDir).every((entry) => /^([0-9a-f]{2}|tmp)$/.test(entry))).toBe(true);
    const nul = await expectNothingWritten(t, () => r.upload(applicant, id, A_PDF, { kind: 'roadmap', fileName: 'a\u0000.pdf' }));
    expect(nul.status).toBe(400);
  });

  it('removes an attachment (204, audited); the bid then misses its required letter', async () => {
    const { id } = await aCompleteDraft(t, applicant, programme.id);
    const [attachment] = (await r.view(applicant, id)).body.attachments;
    const other = await aCompleteDraft(t, applicant, programme.id);
    const [foreign] = (await r.view(applicant, other.id)).body.attachments;
    // an attachment of another bid is not found through this one
    expectError(await expectNothingWritten(t, () => r.removeAttachment(applicant, id, foreign.id)), 404, 'NOT_FOUND');
    expectError(await r.download(applicant, id, foreign.id), 404, 'NOT_FOUND');

    await r.removeAttachment(applicant, id, attachment.id).expect(204);
    expect((await r.view(applicant, id)).body.attachments).toEqual([]);
    expect(await auditRows(t, id, 'submission.attachment_removed')).toEqual([
      expect.objectContaining({ actor_id: applicant.id, before: { kind: 'regional-letter', sha256: attachment.sha256 } }),
    ]);
    expectError(await expectNothingWritten(t, () => r.removeAttachment(applicant, id, attachment.id)), 404, 'NOT_FOUND');
    expect((await r.submit(applicant, id).expect(422)).body.error.details).toEqual([
      detail('attachments.regional-letter', 'requiredAttachment'),
    ]);
  });

  it("changes the receipt's contentSha256 when an attachment changes, and keeps it when nothing does", async () => {
    const { id } = await aCompleteDraft(t, applicant, programme.id);
    const v1 = (await r.submit(applicant, id).expect(201)).body;
    const v2 = (await r.submit(applicant, id).expect(201)).body;
    expect(v2.contentSha256).toBe(v1.contentSha256);

    const replacement = pdfOfSize(500, 'r');
    await r.upload(applicant, id, replacement).expect(201);
    const v3 = (await r.submit(applicant, id).expect(201)).body;
    expect(v3.contentSha256).not.toBe(v1.contentSha256);
    const { rows } = await t.db.query('SELECT content FROM submission_versions WHERE submission_id = $1 AND version = 3', [id]);
    expect(rows[0].content.attachments).toEqual([
      { kind: 'regional-letter', fileName: 'letter.pdf', sizeBytes: 500, sha256: sha256(replacement) },
    ]);

    // the same bytes under another name is a change too
    await r.upload(applicant, id, replacement, { fileName: 'renamed.pdf' }).expect(201);
    expect((await r.submit(applicant, id).expect(201)).body.contentSha256).not.toBe(v3.contentSha256);
    // an optional attachment added is a change
    await r.upload(applicant, id, A_PDF, { kind: 'roadmap' }).expect(201);
    const v5 = (await r.view(applicant, id)).body;
    expect(v5.hasUnsubmittedChanges).toBe(true);
  });

  it('streams a multi-megabyte PDF through to storage and back unchanged', async () => {
    const roomy = await openProgramme(t, ministry, { maxAttachmentBytes: 8 * 1024 * 1024 });
    const { user } = await anApplicantWithCluster(t, ministry);
    const id = (await r.create(user, roomy.id, { title: 'Большой файл' }).expect(201)).body.id;
    const big = Buffer.concat([
      Buffer.from('%PDF-1.7\n'),
      Buffer.from(Array.from({ length: 6 * 1024 * 1024 }, (_, i) => (i * 7919) % 251)),
    ]);
    const uploaded = await r.upload(user, id, big).expect(201);
    expect(uploaded.body).toMatchObject({ sizeBytes: big.length, sha256: sha256(big) });
    const file = await r.download(user, id, uploaded.body.id).expect(200);
    expect(file.headers['content-length']).toBe(String(big.length));
    expect(sha256(file.body)).toBe(sha256(big));
    expect(tmpFiles()).toEqual([]);
  });

  it("hides another cluster's attachments (404) and lets staff download them", async () => {
    const { id } = await aCompleteDraft(t, applicant, programme.id);
    const [attachment] = (await r.view(applicant, id)).body.attachments;
    const other = (await anApplicantWithCluster(t, ministry)).user;
    expectError(await r.download(other, id, attachment.id), 404, 'NOT_FOUND');
    expectError(await expectNothingWritten(t, () => r.upload(other, id, A_PDF)), 404, 'NOT_FOUND');
    expectError(await expectNothingWritten(t, () => r.removeAttachment(other, id, attachment.id)), 404, 'NOT_FOUND');
    for (const staff of [ministry, await t.user('auditor')]) {
      const file = await r.download(staff, id, attachment.id).expect(200);
      expect(file.body).toEqual(A_PDF);
      expect((await expectNothingWritten(t, () => r.upload(staff, id, A_PDF))).status).toBe(403);
    }
  });
});
