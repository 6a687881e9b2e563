import { aBidProgramme, anApplicantWithCluster, openProgramme } from '../support/bids';
import { createTestApp, TestApp, TestUser } from '../support/test-app';
import { API, detail, expectError, expectNothingWritten, lines, routes, rulesOf } from './api-helpers';

/**
 * Each submit rule at its boundary: the value that is just allowed is accepted (201), one kopeck (character, item)
 * beyond is refused with 422 SUBMISSION_RULES_FAILED naming exactly that rule, and the refusal writes nothing.
 */
describe('submit rules', () => {
  let t: TestApp;
  let ministry: TestUser;
  let r: ReturnType<typeof routes>;
  let programme: { id: string; code: string };

  beforeAll(async () => {
    t = await createTestApp();
    ministry = await t.user('ministry');
    r = routes(t);
    // factory rules: years 2027–2028, per bid 200 m, per cluster 250 m, co-financing at least 30 %; here several bids per cluster
    programme = await openProgramme(t, ministry, { singleActiveBid: false });
  });
  afterAll(() => t.close());

  const SECTIONS = { programme: 'Программа развития кластера' };

  /** A draft with everything valid except what `body` overrides; the required letter attached unless `attach` is false. */
  async function aDraft(user: TestUser, body: Record<string, unknown>, { attach = true, programmeId = programme.id } = {}) {
    const created = await r.create(user, programmeId, { title: 'Кластер 2.0', summary: 'Совместные НИОКР', sections: SECTIONS, ...body });
    expect(created.status).toBe(201);
    if (attach) expect((await r.upload(user, created.body.id)).status).toBe(201);
    return created.body.id as string;
  }

  /** A 422 naming exactly these rules, with nothing written. */
  async function expectRefused(user: TestUser, id: string, expected: string[]) {
    const response = await expectNothingWritten(t, () => r.submit(user, id));
    expectError(response, 422, 'SUBMISSION_RULES_FAILED');
    expect(rulesOf(response)).toEqual([...expected].sort());
    return response;
  }

  const accepted = async (user: TestUser, id: string) => {
    const response = await r.submit(user, id);
    if (response.status !== 201) throw new Error(`submit: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  it('caps the federal request per bid: exactly the maximum is accepted, one kopeck more is perBidCap', async () => {
    const { user } = await anApplicantWithCluster(t, ministry);
    const id = await aDraft(user, { budgetLines: lines(['federal', 20_000_000_001n], ['regional', 9_000_000_000n]) });
    const refused = await expectRefused(user, id, ['perBidCap']);
    expect(refused.body.error.details).toEqual([detail('budgetLines', 'perBidCap')]);
    expect(refused.body.error.message).toContain('RUB 200,000,000.01');

    await r.patch(user, id, { budgetLines: lines(['federal', 20_000_000_000n], ['regional', 9_000_000_000n]) }).expect(200);
    const receipt = await accepted(user, id);
    expect(receipt).toMatchObject({ federalKopecks: '20000000000', regionalKopecks: '9000000000', extraBudgetaryKopecks: '0' });
  });

  it('sums the federal request over years and categories for the per-bid cap', async () => {
    const { user } = await anApplicantWithCluster(t, ministry);
    const id = await aDraft(user, {
      budgetLines: lines(
        ['federal', 10_000_000_000n, 2027],
        ['federal', 10_000_000_001n, 2028, 'training-and-education'],
        ['regional', 9_000_000_000n],
      ),
    });
    await expectRefused(user, id, ['perBidCap']);
  });

  it("caps the cluster's federal total over its active bids: exactly the maximum is accepted, one kopeck more is perClusterCap", async () => {
    const { user } = await anApplicantWithCluster(t, ministry);
    const first = await aDraft(user, { budgetLines: lines(['federal', 15_000_000_000n], ['regional', 7_000_000_000n]) });
    await accepted(user, first);

    const second = await aDraft(user, { budgetLines: lines(['federal', 10_000_000_001n], ['regional', 5_000_000_000n]) });
    const refused = await expectRefused(user, second, ['perClusterCap']);
    expect(refused.body.error.message).toContain('RUB 250,000,000.01');
    await r.patch(user, second, { budgetLines: lines(['federal', 10_000_000_000n], ['regional', 5_000_000_000n]) }).expect(200);
    await accepted(user, second);

    const { rows } = await t.db.query(
      `SELECT sum(submitted_federal_kopecks)::text AS federal FROM submissions WHERE cluster_id = $1 AND status = 'submitted'`,
      [(await r.view(user, first)).body.clusterId],
    );
    expect(rows[0].federal).toBe('25000000000');

    // A resubmission is measured against the others' current requests, never against its own earlier version.
    await accepted(user, first);
    await r.patch(user, first, { budgetLines: lines(['federal', 15_000_000_001n], ['regional', 7_000_000_000n]) }).expect(200);
    await expectRefused(user, first, ['perClusterCap']);
  });

  it('does not count another cluster toward the cluster cap', async () => {
    const a = await anApplicantWithCluster(t, ministry);
    const b = await anApplicantWithCluster(t, ministry);
    await accepted(a.user, await aDraft(a.user, { budgetLines: lines(['federal', 20_000_000_000n], ['regional', 9_000_000_000n]) }));
    await accepted(b.user, await aDraft(b.user, { budgetLines: lines(['federal', 20_000_000_000n], ['regional', 9_000_000_000n]) }));
  });

  it('requires the co-financing share: exactly 30 % is accepted, one kopeck less is cofinancingShare', async () => {
    const { user } = await anApplicantWithCluster(t, ministry);
    const id = await aDraft(user, { budgetLines: lines(['federal', 70_000n], ['regional', 29_999n]) });
    const refused = await expectRefused(user, id, ['cofinancingShare']);
    expect(refused.body.error.message).toMatch(/29\.99 %.*30\.00 %/);

    await r.patch(user, id, { budgetLines: lines(['federal', 70_000n], ['regional', 30_000n]) }).expect(200);
    await accepted(user, id);

    // extra-budgetary funds count as co-financing too
    await r.patch(user, id, { budgetLines: lines(['federal', 70_000n], ['regional', 20_000n], ['extra-budgetary', 9_999n]) }).expect(200);
    await expectRefused(user, id, ['cofinancingShare']);
    await r.patch(user, id, { budgetLines: lines(['federal', 70_000n], ['regional', 20_000n], ['extra-budgetary', 10_000n]) }).expect(200);
    const receipt = await accepted(user, id);
    expect(receipt).toMatchObject({ version: 2, federalKopecks: '70000', regionalKopecks: '20000', extraBudgetaryKopecks: '10000' });
  });

  it('refuses a funding year or a cost category outside the programme, naming the line', async () => {
    const { user } = await anApplicantWithCluster(t, ministry);
    const year = await aDraft(user, { budgetLines: lines(['federal', 70_000n], ['regional', 30_000n, 2029]) });
    const refusedYear = await expectRefused(user, year, ['allowedYear']);
    expect(refusedYear.body.error.details).toEqual([detail('budgetLines[1].year', 'allowedYear')]);

    // the index is the line's place in the bid as GET /submissions/:id shows it (ordered by year, category, source)
    const category = await aDraft(user, { budgetLines: lines(['federal', 70_000n, 2028, 'yachts'], ['regional', 30_000n, 2028]) });
    const refusedCategory = await expectRefused(user, category, ['allowedCategory']);
    expect(refusedCategory.body.error.details).toEqual([detail('budgetLines[1].category', 'allowedCategory')]);
    expect((await r.view(user, category)).body.budgetLines[1]).toMatchObject({ category: 'yachts', source: 'federal' });

    // both funding years and another default category are fine
    await r
      .patch(user, category, { budgetLines: lines(['federal', 70_000n, 2028, 'innovation-infrastructure'], ['regional', 30_000n, 2027]) })
      .expect(200);
    await accepted(user, category);
  });

  it('requires a title, a summary and a budget with a federal request', async () => {
    const { user } = await anApplicantWithCluster(t, ministry);
    const id = await aDraft(user, { title: '   ', summary: '' });
    const refused = await expectRefused(user, id, ['required', 'required', 'required']);
    expect(refused.body.error.details).toEqual(
      expect.arrayContaining([detail('title', 'required'), detail('summary', 'required'), detail('budgetLines', 'required')]),
    );

    await r.patch(user, id, { title: 'Кластер', summary: 'Резюме', budgetLines: lines(['regional', 100_000n]) }).expect(200);
    const noFederal = await expectRefused(user, id, ['federalRequest']);
    expect(noFederal.body.error.details).toEqual([detail('budgetLines', 'federalRequest')]);
  });

  it('requires the required section, refuses one longer than its maximum and one the programme does not ask for', async () => {
    const { user } = await anApplicantWithCluster(t, ministry);
    const ok = lines(['federal', 70_000n], ['regional', 30_000n]);
    const id = await aDraft(user, { sections: {}, budgetLines: ok });
    const missing = await expectRefused(user, id, ['requiredSection']);
    expect(missing.body.error.details).toEqual([detail('sections.programme', 'requiredSection')]);

    await r.patch(user, id, { sections: { programme: 'я'.repeat(5001) } }).expect(200);
    const long = await expectRefused(user, id, ['maxLength']);
    expect(long.body.error.details).toEqual([detail('sections.programme', 'maxLength')]);

    await r.patch(user, id, { sections: { programme: 'я'.repeat(5000), risks: 'Риски' } }).expect(200);
    const unknown = await expectRefused(user, id, ['unknownSection']);
    expect(unknown.body.error.details).toEqual([detail('sections.risks', 'unknownSection')]);

    await r.patch(user, id, { sections: { programme: 'я'.repeat(5000) } }).expect(200);
    await accepted(user, id);
  });

  it('requires the required attachment', async () => {
    const { user } = await anApplicantWithCluster(t, ministry);
    const id = await aDraft(user, { budgetLines: lines(['federal', 70_000n], ['regional', 30_000n]) }, { attach: false });
    const refused = await expectRefused(user, id, ['requiredAttachment']);
    expect(refused.body.error.details).toEqual([detail('attachments.regional-letter', 'requiredAttachment')]);
    await r.upload(user, id).expect(201);
    await accepted(user, id);
  });

  it('holds one active bid per cluster when the programme says so; drafts and withdrawn bids do not hold a place', async () => {
    const single = await openProgramme(t, ministry, { singleActiveBid: true });
    const { user } = await anApplicantWithCluster(t, ministry);
    const budget = lines(['federal', 70_000n], ['regional', 30_000n]);
    const first = await aDraft(user, { budgetLines: budget }, { programmeId: single.id });
    const second = await aDraft(user, { budgetLines: budget }, { programmeId: single.id });

    await accepted(user, first); // the other bid is only a draft
    const refused = await expectRefused(user, second, ['singleActiveBid']);
    expect(refused.body.error.details).toEqual([detail('programme', 'singleActiveBid')]);

    await r.withdraw(user, first).expect(200);
    await accepted(user, second);
    await expectRefused(user, first, ['singleActiveBid']);
    // resubmitting the active bid itself is fine
    await accepted(user, second);
  });

  it('answers every failed rule in one 422', async () => {
    const single = await openProgramme(t, ministry, {
      singleActiveBid: true,
      sections: [
        { code: 'programme', titleRu: 'Программа', titleEn: 'Programme', required: true, maxLength: 5000 },
        { code: 'summary-ru', titleRu: 'Резюме', titleEn: 'Summary', required: false, maxLength: 100 },
      ],
    });
    const { user } = await anApplicantWithCluster(t, ministry);
    const valid = await aDraft(user, { budgetLines: lines(['federal', 70_000n], ['regional', 30_000n]) }, { programmeId: single.id });
    await accepted(user, valid);

    const created = await r
      .create(user, single.id, {
        title: '',
        summary: ' ',
        sections: { 'summary-ru': 'ы'.repeat(101), risks: 'Риски' },
        budgetLines: lines(['federal', 25_000_000_001n, 2031], ['regional', 1n, 2027, 'yachts']),
      })
      .expect(201);
    const response = await expectNothingWritten(t, () => r.submit(user, created.body.id));
    expectError(response, 422, 'SUBMISSION_RULES_FAILED');
    expect(rulesOf(response)).toEqual(
      [
        'singleActiveBid',
        'required',
        'required',
        'requiredSection',
        'maxLength',
        'unknownSection',
        'allowedYear',
        'allowedCategory',
        'perBidCap',
        'perClusterCap',
        'cofinancingShare',
        'requiredAttachment',
      ].sort(),
    );
    expect(response.body.error.message).toMatch(/12 rule\(s\) failed/);

    // the check answers the same problems without submitting
    const check = await expectNothingWritten(t, () => r.check(user, created.body.id));
    expect(check.status).toBe(200);
    expect(check.body.ready).toBe(false);
    expect(check.body.problems.map((p: { rule: string }) => p.rule).sort()).toEqual(rulesOf(response));
  });

  it('refuses before the call opens (callNotOpenYet), alongside the other failures', async () => {
    const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();
    const early = await openProgramme(t, ministry, { opensAt: inDays(1), closesAt: inDays(30) });
    const { user } = await anApplicantWithCluster(t, ministry);
    const id = await aDraft(user, { budgetLines: lines(['federal', 70_000n], ['regional', 30_000n]) }, { programmeId: early.id });
    const refused = await expectRefused(user, id, ['callNotOpenYet']);
    expect(refused.body.error.details).toEqual([detail('programme', 'callNotOpenYet')]);

    await r.patch(user, id, { title: '' }).expect(200);
    await expectRefused(user, id, ['callNotOpenYet', 'required']);
    const { rows } = await t.db.query('SELECT status, registration_number, current_version FROM submissions WHERE id = $1', [id]);
    expect(rows[0]).toEqual({ status: 'draft', registration_number: null, current_version: 0 });
  });

  it('draws gap-free registration numbers: refused submissions use none', async () => {
    const fresh = await openProgramme(t, ministry, { singleActiveBid: false });
    const { user } = await anApplicantWithCluster(t, ministry);
    const bad = await aDraft(user, { budgetLines: lines(['federal', 70_000n], ['regional', 1n]) }, { programmeId: fresh.id });
    await expectRefused(user, bad, ['cofinancingShare']);
    const good = await aDraft(user, { budgetLines: lines(['federal', 70_000n], ['regional', 30_000n]) }, { programmeId: fresh.id });
    expect((await accepted(user, good)).registrationNumber).toBe(`${fresh.code}-00001`);
    await r.patch(user, bad, { budgetLines: lines(['federal', 70_000n], ['regional', 30_000n]) }).expect(200);
    expect((await accepted(user, bad)).registrationNumber).toBe(`${fresh.code}-00002`);
  });

  it('keeps the check endpoint read-only and ready for a complete bid', async () => {
    const { user } = await anApplicantWithCluster(t, ministry);
    const id = await aDraft(user, { budgetLines: lines(['federal', 70_000n], ['regional', 30_000n]) });
    const check = await expectNothingWritten(t, () => t.http().get(`${API}/submissions/${id}/check`).set(user.auth));
    expect(check.body).toEqual({ ready: true, problems: [] });
  });

  it('is a programme factory with the rules these tests assume', () => {
    const rules = aBidProgramme();
    expect(rules).toMatchObject({
      maxFederalPerBidKopecks: '20000000000',
      maxFederalPerClusterKopecks: '25000000000',
      minCofinancingBasisPoints: 3000,
      fundingYears: [2027, 2028],
    });
  });
});
