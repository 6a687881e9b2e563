import { aCompleteDraft, anApplicantWithCluster, openProgramme, validLines } from '../support/bids';
import { createTestApp, TestApp, TestUser } from '../support/test-app';
import { API, auditRows, detail, expectError, expectNothingWritten, routes, secondsAhead, waitUntilPast } from './api-helpers';

const CHECKLIST = [
  { code: 'so', textRu: 'Заявитель — специализированная организация', textEn: 'Filed by the specialised organisation' },
  { code: 'region-letter', textRu: 'Есть письмо субъекта РФ', textEn: 'The regional letter is attached' },
];

describe('eligibility check after the close', () => {
  let t: TestApp;
  let ministry: TestUser;
  let auditor: TestUser;
  let r: ReturnType<typeof routes>;
  let a: Awaited<ReturnType<typeof anApplicantWithCluster>>;
  let b: Awaited<ReturnType<typeof anApplicantWithCluster>>;
  let programme: { id: string; closesAt: string };
  const bids: Record<'eligible' | 'ineligible' | 'other' | 'draft' | 'withdrawn' | 'invalid', string> = {} as never;

  const decide = (as: TestUser, id: string, results: unknown) =>
    t.http().put(`${API}/submissions/${id}/eligibility`).set(as.auth).send({ results });
  const read = (as: TestUser, id: string) => t.http().get(`${API}/submissions/${id}/eligibility`).set(as.auth);
  const allPassed = [
    { code: 'so', passed: true },
    { code: 'region-letter', passed: true },
  ];

  beforeAll(async () => {
    t = await createTestApp();
    ministry = await t.user('ministry');
    auditor = await t.user('auditor');
    r = routes(t);
    a = await anApplicantWithCluster(t, ministry);
    b = await anApplicantWithCluster(t, ministry);
    programme = await openProgramme(t, ministry, { closesAt: secondsAhead(3000), singleActiveBid: false, eligibilityChecklist: CHECKLIST });
    for (const key of ['eligible', 'ineligible', 'invalid', 'withdrawn'] as const) {
      bids[key] = (await aCompleteDraft(t, a.user, programme.id, validLines(2027, 1_000_000_000n))).id;
      await r.submit(a.user, bids[key]).expect(201);
    }
    await r.withdraw(a.user, bids.withdrawn).expect(200);
    bids.draft = (await aCompleteDraft(t, a.user, programme.id)).id;
    bids.other = (await aCompleteDraft(t, b.user, programme.id)).id;
    await r.submit(b.user, bids.other).expect(201);

    // while the call is open, eligibility cannot be decided
    const early = await expectNothingWritten(t, () => decide(ministry, bids.eligible, allPassed));
    expectError(early, 409, 'SUBMISSION_ELIGIBILITY_NOT_CLOSED');

    await waitUntilPast(t, programme.closesAt);
    await r.setStatus(ministry, programme.id, 'closed').expect(200);
  });
  afterAll(() => t.close());

  it('marks a bid eligible when every checklist item passes, audited; the applicant reads its results', async () => {
    const decided = await decide(ministry, bids.eligible, allPassed).expect(200);
    expect(decided.body).toEqual({
      submissionId: bids.eligible,
      status: 'eligible',
      checkedAt: expect.any(String),
      results: [
        { code: 'region-letter', passed: true, reason: '', checkedAt: expect.any(String) },
        { code: 'so', passed: true, reason: '', checkedAt: expect.any(String) },
      ],
    });
    const { rows } = await t.db.query('SELECT status, eligibility_checked_at FROM submissions WHERE id = $1', [bids.eligible]);
    expect(rows[0].status).toBe('eligible');
    const [audit] = await auditRows(t, bids.eligible, 'submission.eligibility_decided');
    expect(audit).toMatchObject({
      actor_id: ministry.id,
      before: { status: 'submitted', results: [] },
      after: { status: 'eligible', results: allPassed },
    });

    expect((await read(a.user, bids.eligible).expect(200)).body).toEqual(decided.body);
    expect((await read(auditor, bids.eligible).expect(200)).body).toEqual(decided.body);
    expectError(await read(b.user, bids.eligible), 404, 'NOT_FOUND');
    expect((await r.view(a.user, bids.eligible)).body.status).toBe('eligible');
  });

  it('marks a bid ineligible when an item fails with a reason the applicant can read', async () => {
    const results = [
      { code: 'so', passed: true },
      { code: 'region-letter', passed: false, reason: '  The letter is not signed by the governor  ' },
    ];
    const decided = await decide(ministry, bids.ineligible, results).expect(200);
    expect(decided.body.status).toBe('ineligible');
    const own = await read(a.user, bids.ineligible).expect(200);
    expect(own.body.results).toEqual([
      { code: 'region-letter', passed: false, reason: 'The letter is not signed by the governor', checkedAt: expect.any(String) },
      { code: 'so', passed: true, reason: '', checkedAt: expect.any(String) },
    ]);

    // a corrected decision replaces the results and keeps the earlier one in the audit log
    await decide(ministry, bids.ineligible, allPassed).expect(200);
    const audits = await auditRows(t, bids.ineligible, 'submission.eligibility_decided');
    expect(audits).toHaveLength(2);
    expect(audits[1].before).toMatchObject({
      status: 'ineligible',
      results: expect.arrayContaining([{ code: 'region-letter', passed: false, reason: 'The letter is not signed by the governor' }]),
    });
    expect((await read(a.user, bids.ineligible)).body.status).toBe('eligible');
  });

  it('refuses an incomplete or malformed checklist with a 400 naming the item, writing nothing', async () => {
    const cases: [unknown, string, string][] = [
      [
        [
          { code: 'so', passed: true },
          { code: 'region-letter', passed: false },
        ],
        'results[1].reason',
        'requiredWhenFailed',
      ],
      [
        [
          { code: 'so', passed: false, reason: 'no' },
          { code: 'region-letter', passed: true },
        ],
        'results[0].reason',
        'requiredWhenFailed',
      ],
      [
        [
          { code: 'so', passed: false, reason: '     ' },
          { code: 'region-letter', passed: true },
        ],
        'results[0].reason',
        'requiredWhenFailed',
      ],
      [[{ code: 'so', passed: true }], 'results', 'allItems'],
      [[], 'results', 'allItems'],
      [[...allPassed, { code: 'budget', passed: true }], 'results[2].code', 'knownItem'],
      [[...allPassed, { code: 'so', passed: true }], 'results[2].code', 'unique'],
      [
        [
          { code: 'so', passed: 'yes' },
          { code: 'region-letter', passed: true },
        ],
        'results[0].passed',
        'isBoolean',
      ],
      [
        [
          { code: 'so', passed: true, score: 5 },
          { code: 'region-letter', passed: true },
        ],
        'results[0].score',
        'unknownField',
      ],
      ['all', 'results', 'isArray'],
    ];
    for (const [results, field, rule] of cases) {
      const response = await expectNothingWritten(t, () => decide(ministry, bids.invalid, results));
      try {
        expectError(response, 400, 'VALIDATION_FAILED', [detail(field, rule)]);
      } catch (error) {
        throw new Error(`${JSON.stringify(results)}: ${JSON.stringify(response.body)}\n${error}`);
      }
    }
    expect((await read(ministry, bids.invalid)).body).toMatchObject({ status: 'submitted', checkedAt: null, results: [] });
  });

  it('decides only submitted bids: a draft or a withdrawn bid is 409', async () => {
    for (const id of [bids.draft, bids.withdrawn]) {
      expectError(await expectNothingWritten(t, () => decide(ministry, id, allPassed)), 409, 'SUBMISSION_WRONG_STATUS');
    }
    expectError(await decide(ministry, '00000000-0000-4000-8000-000000000000', allPassed), 404, 'NOT_FOUND');
  });

  it('lets only the ministry decide (403 for applicant, auditor, commissioner)', async () => {
    for (const caller of [a.user, auditor, await t.user('commissioner')]) {
      expect((await expectNothingWritten(t, () => decide(caller, bids.other, allPassed))).status).toBe(403);
    }
  });

  it('freezes the bids once the call is closed', async () => {
    const response = await expectNothingWritten(t, () => r.patch(b.user, bids.other, { title: 'После закрытия' }));
    expect(response.status).toBe(409);
    expect((await expectNothingWritten(t, () => r.submit(b.user, bids.other))).status).toBe(409);
  });
});
