import { aCompleteDraft, anApplicantWithCluster, openProgramme, validLines } from '../support/bids';
import { createTestApp, TestApp, TestUser } from '../support/test-app';
import { API, detail, expectError, expectNothingWritten, lines, routes, secondsAhead, waitUntilPast } from './api-helpers';

describe('drafts: creating and editing the working copy', () => {
  let t: TestApp;
  let ministry: TestUser;
  let r: ReturnType<typeof routes>;
  let programme: { id: string; code: string; closesAt: string };
  let applicant: TestUser;
  let draftId: string;

  beforeAll(async () => {
    t = await createTestApp();
    ministry = await t.user('ministry');
    r = routes(t);
    programme = await openProgramme(t, ministry);
    applicant = (await anApplicantWithCluster(t, ministry)).user;
    draftId = (await r.create(applicant, programme.id, { title: 'Черновик' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('creates a draft with its budget lines, audited, and shows it back', async () => {
    const created = await r
      .create(applicant, programme.id, {
        title: '  Кластер 2.0  ',
        summary: 'Резюме',
        sections: { programme: 'Текст' },
        contactName: 'Иванов И. И.',
        contactEmail: 'ivanov@example.ru',
        contactPhone: '+7 (3822) 00-00-00',
        budgetLines: [
          { year: 2027, category: 'joint-rnd', source: 'federal', amountKopecks: 10_000_000_000 },
          { year: 2027, category: 'joint-rnd', source: 'regional', amountKopecks: '4285714287' },
        ],
      })
      .expect(201);
    expect(created.body).toMatchObject({
      programmeId: programme.id,
      clusterId: applicant.clusterId,
      status: 'draft',
      title: 'Кластер 2.0',
      registrationNumber: null,
      currentVersion: 0,
      submittedAt: null,
      submittedFederalKopecks: '0',
      contactEmail: 'ivanov@example.ru',
      budgetLines: [
        { year: 2027, category: 'joint-rnd', source: 'federal', amountKopecks: '10000000000' },
        { year: 2027, category: 'joint-rnd', source: 'regional', amountKopecks: '4285714287' },
      ],
      totals: { federalKopecks: '10000000000', regionalKopecks: '4285714287', extraBudgetaryKopecks: '0', totalKopecks: '14285714287' },
      attachments: [],
      deadline: programme.closesAt,
      hasUnsubmittedChanges: false,
    });
    const { rows } = await t.db.query(`SELECT actor_id, after FROM audit_log WHERE entity_id = $1 AND action = 'submission.created'`, [
      created.body.id,
    ]);
    expect(rows).toEqual([{ actor_id: applicant.id, after: expect.objectContaining({ status: 'draft', title: 'Кластер 2.0' }) }]);
  });

  it('replaces lists and maps whole on PATCH and keeps what is not sent', async () => {
    const id = (
      await r
        .create(applicant, programme.id, { title: 'A', summary: 'S', sections: { programme: 'P' }, budgetLines: validLines() })
        .expect(201)
    ).body.id;
    const patched = await r.patch(applicant, id, { budgetLines: lines(['federal', 5n, 2028]), sections: {} }).expect(200);
    expect(patched.body).toMatchObject({
      title: 'A',
      summary: 'S',
      sections: {},
      budgetLines: [{ year: 2028, category: 'joint-rnd', source: 'federal', amountKopecks: '5' }],
    });
    const cleared = await r.patch(applicant, id, { budgetLines: [], contactEmail: '' }).expect(200);
    expect(cleared.body).toMatchObject({ budgetLines: [], contactEmail: '', title: 'A' });
  });

  it('refuses a draft in a programme that is not open: 404 for a draft programme, 409 for a closed one', async () => {
    const draftProgramme = await t
      .http()
      .post(`${API}/programmes`)
      .set(ministry.auth)
      .send({ code: `D-${Date.now()}`, titleRu: 'Черновик', titleEn: 'Draft' })
      .expect(201);
    const hidden = await expectNothingWritten(t, () => r.create(applicant, draftProgramme.body.id, { title: 'x' }));
    expectError(hidden, 404, 'NOT_FOUND');
    const unknown = await expectNothingWritten(t, () => r.create(applicant, '00000000-0000-4000-8000-000000000000', { title: 'x' }));
    expectError(unknown, 404, 'NOT_FOUND');

    const closing = await openProgramme(t, ministry, { closesAt: secondsAhead(1500) });
    await waitUntilPast(t, closing.closesAt);
    await r.setStatus(ministry, closing.id, 'closed').expect(200);
    const closed = await expectNothingWritten(t, () => r.create(applicant, closing.id, { title: 'x' }));
    expectError(closed, 409, 'SUBMISSION_PROGRAMME_NOT_OPEN');
  });

  it('refuses an applicant without a cluster (409 SUBMISSION_NO_CLUSTER) and other roles (403)', async () => {
    const loner = await t.user('applicant');
    const response = await expectNothingWritten(t, () => r.create(loner, programme.id, { title: 'x' }));
    expectError(response, 409, 'SUBMISSION_NO_CLUSTER');
    for (const role of ['ministry', 'auditor', 'commissioner'] as const) {
      const caller = role === 'ministry' ? ministry : await t.user(role);
      expect((await expectNothingWritten(t, () => r.create(caller, programme.id, { title: 'x' }))).status).toBe(403);
    }
  });

  describe('bad input is a 400 naming the field and the rule, and writes nothing', () => {
    const cases: [string, unknown, string, string][] = [
      ['an unknown field', { title: 'x', status: 'submitted' }, 'status', 'unknownField'],
      ['a registration number', { registrationNumber: 'X-00001' }, 'registrationNumber', 'unknownField'],
      ['a negative amount', { budgetLines: lines(['federal', -1n]) }, 'budgetLines[0].amountKopecks', 'isKopecks'],
      [
        'a fractional amount (number)',
        { budgetLines: [{ year: 2027, category: 'joint-rnd', source: 'federal', amountKopecks: 1.5 }] },
        'budgetLines[0].amountKopecks',
        'isKopecks',
      ],
      ['a fractional amount (string)', { budgetLines: lines(['federal', '100.50']) }, 'budgetLines[0].amountKopecks', 'isKopecks'],
      ['an amount in exponent form', { budgetLines: lines(['federal', '1e9']) }, 'budgetLines[0].amountKopecks', 'isKopecks'],
      [
        'an unsafe JSON number',
        { budgetLines: [{ year: 2027, category: 'joint-rnd', source: 'federal', amountKopecks: 2 ** 53 + 2 }] },
        'budgetLines[0].amountKopecks',
        'isKopecks',
      ],
      ['an unknown source', { budgetLines: lines(['municipal', 1n]) }, 'budgetLines[0].source', 'isIn'],
      [
        'a year that is not a number',
        { budgetLines: [{ year: '2027', category: 'joint-rnd', source: 'federal', amountKopecks: '1' }] },
        'budgetLines[0].year',
        'isInt',
      ],
      [
        'a category that is not a code',
        { budgetLines: lines(['federal', 1n, 2027, 'joint rnd; drop']) },
        'budgetLines[0].category',
        'matches',
      ],
      [
        'an unknown field in a line',
        { budgetLines: [{ year: 2027, category: 'joint-rnd', source: 'federal', amountKopecks: '1', vat: true }] },
        'budgetLines[0].vat',
        'unknownField',
      ],
      ['budget lines that are not a list', { budgetLines: { year: 2027 } }, 'budgetLines', 'isArray'],
      [
        'a duplicate (year, category, source)',
        { budgetLines: lines(['federal', 1n], ['regional', 1n], ['federal', 2n]) },
        'budgetLines[2]',
        'unique',
      ],
      ['sections as a list', { sections: ['text'] }, 'sections', 'isSectionTexts'],
      ['a section that is not text', { sections: { programme: 5 } }, 'sections', 'isSectionTexts'],
      ['a nested section', { sections: { programme: { ru: 'текст' } } }, 'sections', 'isSectionTexts'],
      ['a section code that is not a code', { sections: { 'a b': 'text' } }, 'sections', 'isSectionTexts'],
      ['sections null', { sections: null }, 'sections', 'isSectionTexts'],
      ['a NUL character in the title', { title: 'a\u0000b' }, 'title', 'noNulCharacter'],
      ['a NUL character in a section', { sections: { programme: 'a\u0000b' } }, 'sections.programme', 'noNulCharacter'],
      ['a title null', { title: null }, 'title', 'isString'],
      ['a too long title', { title: 'x'.repeat(501) }, 'title', 'maxLength'],
      ['a contact e-mail that is not one', { contactEmail: 'not-an-email' }, 'contactEmail', 'isEmail'],
      ['a contact e-mail null', { contactEmail: null }, 'contactEmail', 'isEmail'],
      ['a phone with letters', { contactPhone: 'call me' }, 'contactPhone', 'matches'],
    ];

    it.each(cases)('PATCH with %s', async (_name, body, field, rule) => {
      const response = await expectNothingWritten(t, () => r.patch(applicant, draftId, body));
      expectError(response, 400, 'VALIDATION_FAILED', [detail(field, rule)]);
    });

    it.each(cases)('POST with %s', async (_name, body, field, rule) => {
      const response = await expectNothingWritten(t, () => r.create(applicant, programme.id, body as Record<string, unknown>));
      expectError(response, 400, 'VALIDATION_FAILED', [detail(field, rule)]);
    });

    it('refuses a body that is not JSON', async () => {
      const response = await expectNothingWritten(t, () =>
        t.http().patch(`${API}/submissions/${draftId}`).set(applicant.auth).set('Content-Type', 'application/json').send('{"title": '),
      );
      expectError(response, 400, 'MALFORMED_JSON');
    });

    it('refuses ids that are not UUIDs', async () => {
      expectError(await r.view(applicant, 'abc'), 400, 'VALIDATION_FAILED', [detail('id', 'isUuid')]);
      expectError(await r.receipt(applicant, draftId, 0), 400, 'VALIDATION_FAILED', [detail('version', 'isPositiveInt')]);
    });
  });

  it('answers 404 for a bid that does not exist', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const response of [
      await r.view(applicant, missing),
      await r.patch(applicant, missing, { title: 'x' }),
      await r.submit(applicant, missing),
      await r.withdraw(applicant, missing),
    ]) {
      expectError(response, 404, 'NOT_FOUND');
    }
  });

  it('refuses to withdraw a draft (only a submitted bid can be withdrawn)', async () => {
    const response = await expectNothingWritten(t, () => r.withdraw(applicant, draftId));
    expectError(response, 409, 'SUBMISSION_WRONG_STATUS');
  });
});

describe('resubmission, versions and withdrawal', () => {
  let t: TestApp;
  let ministry: TestUser;
  let r: ReturnType<typeof routes>;

  beforeAll(async () => {
    t = await createTestApp();
    ministry = await t.user('ministry');
    r = routes(t);
  });
  afterAll(() => t.close());

  it('keeps every version under one registration number; the last one counts', async () => {
    const programme = await openProgramme(t, ministry);
    const { user } = await anApplicantWithCluster(t, ministry);
    const { id } = await aCompleteDraft(t, user, programme.id, validLines(2027, 10_000_000_000n));

    const first = await r.submit(user, id).expect(201);
    expect(first.body).toMatchObject({
      submissionId: id,
      registrationNumber: `${programme.code}-00001`,
      version: 1,
      federalKopecks: '10000000000',
    });
    const unchanged = await r.view(user, id).expect(200);
    expect(unchanged.body).toMatchObject({
      status: 'submitted',
      currentVersion: 1,
      hasUnsubmittedChanges: false,
      submittedFederalKopecks: '10000000000',
    });

    await r.patch(user, id, { budgetLines: validLines(2028, 15_000_000_000n) }).expect(200);
    expect((await r.view(user, id)).body.hasUnsubmittedChanges).toBe(true);
    const second = await r.submit(user, id).expect(201);
    expect(second.body).toMatchObject({ registrationNumber: first.body.registrationNumber, version: 2, federalKopecks: '15000000000' });
    expect(second.body.contentSha256).not.toBe(first.body.contentSha256);

    // the same content again is a new version with the same hash
    const third = await r.submit(user, id).expect(201);
    expect(third.body).toMatchObject({ version: 3, contentSha256: second.body.contentSha256 });

    const { rows } = await t.db.query(
      'SELECT status, current_version, submitted_federal_kopecks, registration_number FROM submissions WHERE id = $1',
      [id],
    );
    expect(rows[0]).toEqual({
      status: 'submitted',
      current_version: 3,
      submitted_federal_kopecks: '15000000000',
      registration_number: first.body.registrationNumber,
    });
    const versions = await t.db.query(
      'SELECT version, registration_number, federal_kopecks, content_sha256 FROM submission_versions WHERE submission_id = $1 ORDER BY version',
      [id],
    );
    expect(versions.rows).toEqual([
      {
        version: 1,
        registration_number: first.body.registrationNumber,
        federal_kopecks: '10000000000',
        content_sha256: first.body.contentSha256,
      },
      {
        version: 2,
        registration_number: first.body.registrationNumber,
        federal_kopecks: '15000000000',
        content_sha256: second.body.contentSha256,
      },
      {
        version: 3,
        registration_number: first.body.registrationNumber,
        federal_kopecks: '15000000000',
        content_sha256: second.body.contentSha256,
      },
    ]);

    const list = await r.versions(user, id).expect(200);
    expect(list.body.total).toBe(3);
    expect(list.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    expect(list.body.items[0]).toEqual(first.body);
    const receipt1 = await r.receipt(user, id, 1).expect(200);
    expect(receipt1.body).toEqual(first.body);
    expect((await r.receipt(user, id, 2).expect(200)).body).toEqual(second.body);
    expectError(await r.receipt(user, id, 4), 404, 'NOT_FOUND');

    // the frozen version keeps what was submitted, whatever the working copy says now
    const frozen = await t.db.query(`SELECT content FROM submission_versions WHERE submission_id = $1 AND version = 1`, [id]);
    expect(frozen.rows[0].content.budgetLines).toEqual(validLines(2027, 10_000_000_000n));

    // the versions table is append-only
    await expect(t.db.query('UPDATE submission_versions SET federal_kopecks = 0 WHERE submission_id = $1', [id])).rejects.toThrow();
    await expect(t.db.query('DELETE FROM submission_versions WHERE submission_id = $1', [id])).rejects.toThrow();
  });

  it('withdraws before the deadline, audited; a withdrawn bid can be resubmitted with its number and no longer counts toward the cluster cap', async () => {
    const programme = await openProgramme(t, ministry, { singleActiveBid: false });
    const { user, cluster } = await anApplicantWithCluster(t, ministry);
    const first = await aCompleteDraft(t, user, programme.id, validLines(2027, 20_000_000_000n));
    const second = await aCompleteDraft(t, user, programme.id, validLines(2027, 20_000_000_000n));
    const receipt = await r.submit(user, first.id).expect(201);
    expect((await r.submit(user, second.id).expect(422)).body.error.details).toEqual([detail('budgetLines', 'perClusterCap')]);

    const withdrawn = await r.withdraw(user, first.id).expect(200);
    expect(withdrawn.body).toMatchObject({
      status: 'withdrawn',
      submittedFederalKopecks: '0',
      registrationNumber: receipt.body.registrationNumber,
    });
    const { rows } = await t.db.query(
      `SELECT actor_id, before, after FROM audit_log WHERE entity_id = $1 AND action = 'submission.withdrawn'`,
      [first.id],
    );
    expect(rows).toEqual([
      { actor_id: user.id, before: { status: 'submitted', federalKopecks: '20000000000' }, after: { status: 'withdrawn' } },
    ]);
    expectError(await r.withdraw(user, first.id), 409, 'SUBMISSION_WRONG_STATUS');

    // the withdrawn bid's 200 m no longer count: the second bid now fits under the 250 m cap
    await r.submit(user, second.id).expect(201);
    const list = await r.list(ministry, programme.id, `?clusterId=${cluster.id}`).expect(200);
    expect(Object.fromEntries(list.body.items.map((s: { id: string; status: string }) => [s.id, s.status]))).toEqual({
      [first.id]: 'withdrawn',
      [second.id]: 'submitted',
    });

    // and the withdrawn bid cannot come back while the other holds the cap
    expect((await r.submit(user, first.id).expect(422)).body.error.details).toEqual([detail('budgetLines', 'perClusterCap')]);
    await r.withdraw(user, second.id).expect(200);
    const back = await r.submit(user, first.id).expect(201);
    expect(back.body).toMatchObject({ registrationNumber: receipt.body.registrationNumber, version: 2 });
    expect((await r.view(user, first.id)).body).toMatchObject({
      status: 'submitted',
      currentVersion: 2,
      submittedFederalKopecks: '20000000000',
    });
  });
});

describe('who sees which bid', () => {
  let t: TestApp;
  let ministry: TestUser;
  let auditor: TestUser;
  let commissioner: TestUser;
  let r: ReturnType<typeof routes>;
  let programme: { id: string; code: string };
  let a: Awaited<ReturnType<typeof anApplicantWithCluster>>;
  let b: Awaited<ReturnType<typeof anApplicantWithCluster>>;
  let bidA: string;
  let attachmentA: string;
  let draftA2: string;
  let bidB: string;

  beforeAll(async () => {
    t = await createTestApp();
    ministry = await t.user('ministry');
    auditor = await t.user('auditor');
    commissioner = await t.user('commissioner');
    r = routes(t);
    programme = await openProgramme(t, ministry, { singleActiveBid: false });
    a = await anApplicantWithCluster(t, ministry, { regionCode: 'RU-TOM' });
    b = await anApplicantWithCluster(t, ministry, { regionCode: 'RU-NVS', timeZone: 'Asia/Novosibirsk' });
    bidA = (await aCompleteDraft(t, a.user, programme.id)).id;
    await r.submit(a.user, bidA).expect(201);
    attachmentA = (await r.view(a.user, bidA)).body.attachments[0].id;
    draftA2 = (await r.create(a.user, programme.id, { title: 'Второй черновик' }).expect(201)).body.id;
    bidB = (await aCompleteDraft(t, b.user, programme.id)).id;
    await r.submit(b.user, bidB).expect(201);
  });
  afterAll(() => t.close());

  /** Every submission route for one bid, as the given caller. */
  const everyRoute = (as: TestUser | null, id: string) => {
    const auth = as ? as.auth : {};
    return [
      ['GET bid', () => t.http().get(`${API}/submissions/${id}`).set(auth)],
      ['PATCH bid', () => t.http().patch(`${API}/submissions/${id}`).set(auth).send({ title: 'x' })],
      ['GET check', () => t.http().get(`${API}/submissions/${id}/check`).set(auth)],
      ['POST submit', () => t.http().post(`${API}/submissions/${id}/submit`).set(auth)],
      ['POST withdraw', () => t.http().post(`${API}/submissions/${id}/withdraw`).set(auth)],
      ['GET versions', () => t.http().get(`${API}/submissions/${id}/versions`).set(auth)],
      ['GET receipt', () => t.http().get(`${API}/submissions/${id}/versions/1/receipt`).set(auth)],
      ['GET receipt.pdf', () => t.http().get(`${API}/submissions/${id}/versions/1/receipt.pdf`).set(auth)],
      [
        'POST attachment',
        () =>
          t
            .http()
            .post(`${API}/submissions/${id}/attachments?kind=regional-letter`)
            .set(auth)
            .set('Content-Type', 'application/pdf')
            .send(Buffer.from('%PDF-1.4 x')),
      ],
      ['GET attachment', () => t.http().get(`${API}/submissions/${id}/attachments/${attachmentA}`).set(auth)],
      ['DELETE attachment', () => t.http().delete(`${API}/submissions/${id}/attachments/${attachmentA}`).set(auth)],
      [
        'PUT eligibility',
        () =>
          t
            .http()
            .put(`${API}/submissions/${id}/eligibility`)
            .set(auth)
            .send({ results: [{ code: 'so', passed: true }] }),
      ],
      ['GET eligibility', () => t.http().get(`${API}/submissions/${id}/eligibility`).set(auth)],
      ['GET list', () => t.http().get(`${API}/programmes/${programme.id}/submissions`).set(auth)],
      ['POST create', () => t.http().post(`${API}/programmes/${programme.id}/submissions`).set(auth).send({ title: 'x' })],
      ['GET export.csv', () => t.http().get(`${API}/programmes/${programme.id}/submissions/export.csv`).set(auth)],
      ['GET export.xlsx', () => t.http().get(`${API}/programmes/${programme.id}/submissions/export.xlsx`).set(auth)],
    ] as const;
  };

  async function statuses(as: TestUser | null, id: string, skip = /^$/) {
    const seen: Record<string, number> = {};
    for (const [name, call] of everyRoute(as, id)) if (!skip.test(name)) seen[name] = (await expectNothingWritten(t, () => call())).status;
    return seen;
  }

  it("hides cluster A's bid from cluster B's applicant: 404 on every bid route, nothing written", async () => {
    // (B may list and create in the programme: those are its own; exports and eligibility decisions are staff-only)
    const seen = await statuses(b.user, bidA, /list|create/);
    const bidRoutes = Object.fromEntries(Object.entries(seen).filter(([name]) => !/export|PUT eligibility/.test(name)));
    expect(bidRoutes).toEqual(Object.fromEntries(Object.keys(bidRoutes).map((name) => [name, 404])));
    expect([seen['PUT eligibility'], seen['GET export.csv'], seen['GET export.xlsx']]).toEqual([403, 403, 403]);
  });

  it('refuses a commissioner on every submission route (403) and an anonymous caller (401)', async () => {
    const asCommissioner = await statuses(commissioner, bidA);
    expect(asCommissioner).toEqual(Object.fromEntries(Object.keys(asCommissioner).map((name) => [name, 403])));
    const anonymous = await statuses(null, bidA);
    expect(anonymous).toEqual(Object.fromEntries(Object.keys(anonymous).map((name) => [name, 401])));
  });

  it('lets the ministry and the auditor read every bid, its versions, receipts and attachments, and change nothing', async () => {
    for (const staff of [ministry, auditor]) {
      for (const id of [bidA, bidB, draftA2]) expect((await r.view(staff, id)).status).toBe(200);
      expect((await r.versions(staff, bidA).expect(200)).body.total).toBe(1);
      await r.receipt(staff, bidA, 1).expect(200);
      const file = await r.download(staff, bidA, attachmentA);
      expect(file.status).toBe(200);
      for (const call of [
        () => r.patch(staff, bidA, { title: 'x' }),
        () => r.submit(staff, bidA),
        () => r.withdraw(staff, bidA),
        () => r.check(staff, bidA),
      ]) {
        expect((await expectNothingWritten(t, call)).status).toBe(403);
      }
    }
  });

  it('lists every bid for staff, with filters by status, cluster and region, and pagination', async () => {
    const all = await r.list(ministry, programme.id).expect(200);
    expect(all.body.total).toBe(3);
    // numbered bids first, in registration order, drafts last
    expect(all.body.items.map((s: { id: string }) => s.id)).toEqual([bidA, bidB, draftA2]);
    expect(all.body.items[0]).toMatchObject({
      clusterId: a.cluster.id,
      regionCode: 'RU-TOM',
      status: 'submitted',
      registrationNumber: `${programme.code}-00001`,
    });

    const ids = async (query: string, as: TestUser = ministry) =>
      (await r.list(as, programme.id, query).expect(200)).body.items.map((s: { id: string }) => s.id);
    expect(await ids('?status=draft')).toEqual([draftA2]);
    expect(await ids('?status=submitted')).toEqual([bidA, bidB]);
    expect(await ids(`?clusterId=${b.cluster.id}`)).toEqual([bidB]);
    expect(await ids('?regionCode=RU-NVS')).toEqual([bidB]);
    expect(await ids(`?regionCode=RU-TOM&status=draft`)).toEqual([draftA2]);
    expect(await ids('?regionCode=RU-MOW')).toEqual([]);
    expect(await ids('', auditor)).toEqual([bidA, bidB, draftA2]);

    const page2 = await r.list(ministry, programme.id, '?pageSize=2&page=2').expect(200);
    expect(page2.body).toMatchObject({ total: 3, items: [expect.objectContaining({ id: draftA2 })] });
    const page1 = await r.list(ministry, programme.id, '?pageSize=2&page=1').expect(200);
    expect(page1.body.items.map((s: { id: string }) => s.id)).toEqual([bidA, bidB]);

    for (const bad of ['?status=lost', '?clusterId=abc', '?regionCode=XX', '?pageSize=0', '?pageSize=201', '?page=0', '?sort=title']) {
      expect((await r.list(ministry, programme.id, bad)).status).toBe(400);
    }
  });

  it("lists only the applicant's own cluster's bids, whatever clusterId it passes", async () => {
    const own = await r.list(a.user, programme.id).expect(200);
    expect(own.body).toMatchObject({ total: 2 });
    expect(own.body.items.map((s: { id: string }) => s.id)).toEqual([bidA, draftA2]);
    const sneaky = await r.list(a.user, programme.id, `?clusterId=${b.cluster.id}`).expect(200);
    expect(sneaky.body.items.map((s: { id: string }) => s.id)).toEqual([bidA, draftA2]);
    const loner = await t.user('applicant');
    expect((await r.list(loner, programme.id).expect(200)).body).toEqual({ items: [], total: 0 });
  });

  it('hides the bids of a draft programme from applicants (404)', async () => {
    const draftProgramme = await t
      .http()
      .post(`${API}/programmes`)
      .set(ministry.auth)
      .send({ code: `D-${Date.now()}`, titleRu: 'Черновик', titleEn: 'Draft' })
      .expect(201);
    await r.list(a.user, draftProgramme.body.id).expect(404);
    expect((await r.list(ministry, draftProgramme.body.id).expect(200)).body).toEqual({ items: [], total: 0 });
  });
});
