import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  aMember,
  API,
  aProgrammeInScoring,
  assignments,
  expectError,
  runAssignment,
  type ScoringProgramme,
  scoreFully,
} from '../commissions/helpers';
import { binary } from '../submissions/api-helpers';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app';

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'konkurs-pdf-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', join(dir, 'in.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** pdftotext may print the narrow or no-break spaces of grouped amounts as plain spaces: compare on plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('decisions: letters and protocol issued as a background job, verifiable', () => {
  let t: TestApp;
  let ministry: TestUser;
  let applicants: TestUser[];
  let programme: ScoringProgramme;
  const base = () => `${API}/programmes/${programme.id}`;
  const download = (path: string, as?: TestUser) => {
    const request = t.http().get(path);
    return (as ? request.set(as.auth) : request).buffer(true).parse(binary);
  };

  async function untilDone(issueId: string) {
    for (let attempt = 0; attempt < 600; attempt++) {
      const { body } = await t.http().get(`${base()}/decisions/issues/${issueId}`).set(ministry.auth).expect(200);
      if (body.status === 'completed') return body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the decision job did not finish in a minute');
  }

  beforeAll(async () => {
    t = await createTestApp({ publicUrl: 'https://konkurs.example.ru' });
    ministry = await t.user('ministry');
    programme = await aProgrammeInScoring(t, ministry, {
      bids: 3,
      rules: { reviewersPerBid: 1 },
      clusters: [
        { nameRu: 'Фармацевтика, медицинская техника и ИТ Томской области', regionCode: 'RU-TOM' },
        { nameRu: 'Биомедицинский кластер острова Русский', regionCode: 'RU-PRI' },
        { nameRu: 'Кластер Новосибирской области', regionCode: 'RU-NVS' },
      ],
    });
    applicants = await Promise.all(programme.bids.map((bid) => t.user('applicant', { clusterId: bid.clusterId })));
    const chair = await aMember(t, ministry, programme.id, { role: 'chair', regionCode: 'RU-MOW' });
    expect((await runAssignment(t, ministry, programme.id)).status).toBe(200);
    const scores: Record<string, [number, number]> = { 0: [5, 4.5], 1: [4, 4], 2: [3, 3] };
    for (const review of (await assignments(t, ministry, programme.id)).items) {
      const index = programme.bids.findIndex((b) => b.id === review.submissionId);
      await scoreFully(t, chair.user, review.id, ...scores[index]);
    }
    await t.http().post(`${base()}/commission/close`).set(ministry.auth).expect(200);
    await t.http().post(`${base()}/ranking`).set(ministry.auth).expect(200);
  });

  afterAll(() => t.close());

  it('refuses to issue before publication', async () => {
    expectError(await t.http().post(`${base()}/decisions/issues`).set(ministry.auth), 409, 'DECISIONS_NOT_PUBLISHED');
  });

  let firstCode: string;

  it('issues every letter (ru, en) and the protocol with progress; each stored PDF matches its sha256', async () => {
    // 15 m roubles: the first two bids in full, the third in reserve
    const run = await t
      .http()
      .post(`${base()}/allocation-runs`)
      .set(ministry.auth)
      .send({ budgetKopecks: '1500000000', reserveListLength: 1 })
      .expect(201);
    await t.http().post(`${base()}/allocation-runs/${run.body.id}/publish`).set(ministry.auth).send({}).expect(200);
    const started = await t.http().post(`${base()}/decisions/issues`).set(ministry.auth).expect(201);
    expect(started.body).toEqual(expect.objectContaining({ total: 8, status: 'running' }));
    const done = await untilDone(started.body.issueId);
    expect(done).toEqual(expect.objectContaining({ done: 8, total: 8, secondsLeft: null, finishedAt: expect.any(String) }));
    expectError(await t.http().post(`${base()}/decisions/issues`).set(ministry.auth), 409, 'DECISIONS_ALREADY_ISSUED');

    const { rows } = await t.db.query(`SELECT submission_id, kind, language, sha256, status FROM decisions WHERE issue_id = $1`, [
      started.body.issueId,
    ]);
    expect(rows).toHaveLength(8);
    const letter = await download(`${API}/submissions/${programme.bids[0].id}/decision.pdf`, applicants[0]).expect(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
    const stored = rows.find(
      (r: { submission_id: string; language: string }) => r.submission_id === programme.bids[0].id && r.language === 'ru',
    );
    expect(createHash('sha256').update(letter.body).digest('hex')).toBe(stored.sha256);
    expect(letter.headers['x-content-sha256']).toBe(stored.sha256);

    const text = plain(pdfText(letter.body));
    expect(text).toContain(programme.bids[0].registrationNumber);
    expect(text).toContain('Фармацевтика, медицинская техника и ИТ Томской области');
    expect(text).toContain('10 000 000,00 ₽');
    firstCode = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(text)![0];
    const english = plain(
      pdfText((await download(`${API}/submissions/${programme.bids[0].id}/decision.pdf?lang=en`, applicants[0]).expect(200)).body),
    );
    expect(english).toContain('RUB 10,000,000.00');
    expect(english).toContain(programme.bids[0].registrationNumber);
  });

  it('lets each cluster download only its own letter; the protocol is public', async () => {
    expect((await t.http().get(`${API}/submissions/${programme.bids[0].id}/decision.pdf`).set(applicants[1].auth)).status).toBe(404);
    expect((await t.http().get(`${API}/submissions/${programme.bids[0].id}/decision.pdf`)).status).toBe(401);
    const protocol = await download(`${base()}/protocol`).expect(200);
    const text = plain(pdfText(protocol.body));
    for (const bid of programme.bids) expect(text).toContain(bid.registrationNumber);
    expect(text).toMatch(/1\s+из\s+1|стр\. 1 из/);
  });

  it('verifies a code publicly: what the letter says, and its sha256', async () => {
    const verified = await t.http().get(`${API}/verify/${firstCode}`).expect(200);
    expect(verified.body).toEqual(
      expect.objectContaining({
        code: firstCode,
        kind: 'letter',
        status: 'current',
        registrationNumber: programme.bids[0].registrationNumber,
        outcome: 'funded',
        fundedKopecks: '1000000000',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    );
    expect((await t.http().get(`${API}/verify/${firstCode.toLowerCase()}`)).status).toBe(200);
    expect((await t.http().get(`${API}/verify/AAAA-AAAA-AAAA`)).status).toBe(404);
    expect((await t.http().get(`${API}/verify/not-a-code`)).status).toBe(404);
  });

  it('shows the verification page to anyone, and links the protocol from the programme page', async () => {
    const page = await t.http().get(`/verify/${firstCode}`).expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('Документ действителен');
    expect(page.text).toContain(programme.bids[0].registrationNumber);
    expect(page.text).toContain('10 000 000,00 ₽');
    const english = await t
      .http()
      .get(`/verify?code=${firstCode.replace(/-/g, '').toLowerCase()}&lang=en`)
      .expect(200);
    expect(english.text).toContain('The document stands');
    const unknown = await t.http().get('/verify/AAAA-BBBB-CCCC').expect(404);
    expect(unknown.text).toContain('Документ с таким кодом не выдавался');
    const programmePage = await t.http().get(`/programmes/${programme.id}`).expect(200);
    expect(programmePage.text).toContain(`/api/v1/programmes/${programme.id}/protocol?lang=ru`);
  });

  it('keeps issued decisions unchangeable in the database', async () => {
    await expect(t.db.query(`UPDATE decisions SET sha256 = repeat('0', 64) WHERE verification_code = $1`, [firstCode])).rejects.toThrow(
      /only superseded/,
    );
    await expect(t.db.query(`DELETE FROM decisions WHERE verification_code = $1`, [firstCode])).rejects.toThrow(/kept for the record/);
  });

  it('a superseding run issues new decisions; the old ones verify as superseded by the new code', async () => {
    const correction = await t
      .http()
      .post(`${base()}/allocation-runs`)
      .set(ministry.auth)
      .send({ budgetKopecks: '2500000000', policy: 'partial-marginal', partialMinShareBasisPoints: 1000 })
      .expect(201);
    await t
      .http()
      .post(`${base()}/allocation-runs/${correction.body.id}/publish`)
      .set(ministry.auth)
      .send({ supersede: true, reason: 'Апелляция удовлетворена, бюджет перераспределён' })
      .expect(200);
    const started = await t.http().post(`${base()}/decisions/issues`).set(ministry.auth).expect(201);
    await untilDone(started.body.issueId);
    const old = await t.http().get(`${API}/verify/${firstCode}`).expect(200);
    expect(old.body.status).toBe('superseded');
    const oldPage = await t.http().get(`/verify/${firstCode}`).expect(200);
    expect(oldPage.text).toContain('Документ заменён и утратил силу');
    expect(oldPage.text).toContain(`/verify?code=${old.body.supersededByCode}`);
    const fresh = await t.http().get(`${API}/verify/${old.body.supersededByCode}`).expect(200);
    expect(fresh.body).toEqual(expect.objectContaining({ status: 'current', registrationNumber: programme.bids[0].registrationNumber }));
    const third = await download(`${API}/submissions/${programme.bids[2].id}/decision.pdf`, applicants[2]).expect(200);
    expect(plain(pdfText(third.body))).toContain('5 000 000,00 ₽');
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM decisions WHERE status = 'current' AND kind = 'letter' AND programme_id = $1 GROUP BY submission_id, language`,
      [programme.id],
    );
    expect(rows.every((r: { n: number }) => r.n === 1)).toBe(true);
    const retried = await t.http().post(`${base()}/decisions/issues/${started.body.issueId}/retry`).set(ministry.auth).send({}).expect(200);
    expect(retried.body.done).toBe(retried.body.total);
  });
});
