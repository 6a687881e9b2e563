import { createTestApp, TestApp, TestUser } from '../support/test-app';
import { aCompleteDraft, anApplicantWithCluster, openProgramme, validLines } from '../support/bids';

describe('submission flow', () => {
  let t: TestApp;
  let ministry: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    ministry = await t.user('ministry');
  });
  afterAll(() => t.close());

  it('drafts, submits with a receipt, resubmits as version 2 with the same number, and withdraws', async () => {
    const programme = await openProgramme(t, ministry);
    const { user } = await anApplicantWithCluster(t, ministry);
    const draft = await aCompleteDraft(t, user, programme.id);

    const check = await t.http().get(`/api/v1/submissions/${draft.id}/check`).set(user.auth).expect(200);
    expect(check.body).toEqual({ ready: true, problems: [] });

    const first = await t.http().post(`/api/v1/submissions/${draft.id}/submit`).set(user.auth).expect(201);
    expect(first.body).toMatchObject({
      registrationNumber: `${programme.code}-00001`,
      version: 1,
      contentSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    await t.http().patch(`/api/v1/submissions/${draft.id}`).set(user.auth).send({ title: 'Новое название' }).expect(200);
    const view = await t.http().get(`/api/v1/submissions/${draft.id}`).set(user.auth).expect(200);
    expect(view.body).toMatchObject({ status: 'submitted', hasUnsubmittedChanges: true, currentVersion: 1 });

    const second = await t.http().post(`/api/v1/submissions/${draft.id}/submit`).set(user.auth).expect(201);
    expect(second.body).toMatchObject({ registrationNumber: first.body.registrationNumber, version: 2 });
    expect(second.body.contentSha256).not.toBe(first.body.contentSha256);

    const versions = await t.http().get(`/api/v1/submissions/${draft.id}/versions`).set(user.auth).expect(200);
    expect(versions.body.total).toBe(2);

    const pdf = await t
      .http()
      .get(`/api/v1/submissions/${draft.id}/versions/2/receipt.pdf?lang=en`)
      .set(user.auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');

    const withdrawn = await t.http().post(`/api/v1/submissions/${draft.id}/withdraw`).set(user.auth).expect(200);
    expect(withdrawn.body.status).toBe('withdrawn');
  });

  it('answers every failed rule at once', async () => {
    const programme = await openProgramme(t, ministry);
    const { user } = await anApplicantWithCluster(t, ministry);
    const draft = await t
      .http()
      .post(`/api/v1/programmes/${programme.id}/submissions`)
      .set(user.auth)
      .send({ title: '', budgetLines: [{ year: 2031, category: 'yachts', source: 'federal', amountKopecks: '30000000000' }] })
      .expect(201);
    const response = await t.http().post(`/api/v1/submissions/${draft.body.id}/submit`).set(user.auth).expect(422);
    const rules = response.body.error.details.map((d: { rule: string }) => d.rule).sort();
    expect(rules).toEqual(
      [
        'allowedCategory',
        'allowedYear',
        'cofinancingShare',
        'perBidCap',
        'perClusterCap',
        'required',
        'required',
        'requiredAttachment',
        'requiredSection',
      ].sort(),
    );
  });

  it('keeps the draft of another cluster invisible (404)', async () => {
    const programme = await openProgramme(t, ministry);
    const a = await anApplicantWithCluster(t, ministry);
    const b = await anApplicantWithCluster(t, ministry);
    const draft = await aCompleteDraft(t, a.user, programme.id, validLines());
    await t.http().get(`/api/v1/submissions/${draft.id}`).set(b.user.auth).expect(404);
    await t.http().patch(`/api/v1/submissions/${draft.id}`).set(b.user.auth).send({ title: 'x' }).expect(404);
    await t.http().post(`/api/v1/submissions/${draft.id}/submit`).set(b.user.auth).expect(404);
  });
});
