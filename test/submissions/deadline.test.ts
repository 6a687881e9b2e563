import type { Response } from 'supertest';
import { A_PDF, aCompleteDraft, anApplicantWithCluster, openProgramme } from '../support/bids';
import { createTestApp, TestApp, TestUser } from '../support/test-app';
import { API, auditRows, detail, expectError, expectNothingWritten, routes, secondsAhead, waitUntilPast } from './api-helpers';

const HOUR = 3600_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The instant as a wall clock at a fixed UTC offset, computed here independently of the app's formatter. */
function wall(instant: string, offsetHours: number) {
  const shifted = new Date(new Date(instant).getTime() + offsetHours * HOUR);
  const iso = shifted.toISOString().slice(0, 19);
  const sign = offsetHours < 0 ? '-' : '+';
  return {
    iso: `${iso}${sign}${String(Math.abs(offsetHours)).padStart(2, '0')}:00`,
    text: `${shifted.getUTCDate()} ${MONTHS[shifted.getUTCMonth()]} ${shifted.getUTCFullYear()}, ${iso.slice(11)}`,
  };
}

/** 409 SUBMISSION_DEADLINE_PASSED naming the deadline in Moscow time (+03:00) and in the cluster's own zone. */
function expectDeadlinePassed(response: Response, deadline: string, zone: string, offsetHours: number) {
  expectError(response, 409, 'SUBMISSION_DEADLINE_PASSED');
  const moscow = wall(deadline, 3);
  const local = wall(deadline, offsetHours);
  expect(response.body.error.details).toEqual([
    { field: 'deadline', rule: 'moscowTime', message: moscow.iso },
    { field: 'deadline', rule: 'clusterTime', message: local.iso },
  ]);
  expect(response.body.error.message).toContain(`${moscow.text} Moscow time`);
  expect(response.body.error.message).toContain(`${local.text} ${zone} (UTC+${offsetHours})`);
}

describe('deadline and extensions', () => {
  let t: TestApp;
  let ministry: TestUser;
  let r: ReturnType<typeof routes>;

  beforeAll(async () => {
    t = await createTestApp();
    ministry = await t.user('ministry');
    r = routes(t);
  });
  afterAll(() => t.close());

  it('accepts a submit before the deadline and freezes every change after it, naming the deadline in Moscow and Vladivostok time', async () => {
    const { user } = await anApplicantWithCluster(t, ministry, { regionCode: 'RU-PRI', timeZone: 'Asia/Vladivostok' });
    const moscow = await anApplicantWithCluster(t, ministry, { regionCode: 'RU-MOW', timeZone: 'Europe/Moscow' });
    const programme = await openProgramme(t, ministry, { closesAt: secondsAhead(2500), singleActiveBid: false });
    const moscowDraft = (await r.create(moscow.user, programme.id, { title: 'Москва' }).expect(201)).body.id as string;
    const submitted = await aCompleteDraft(t, user, programme.id);
    const draft = await aCompleteDraft(t, user, programme.id);
    const attachmentId = (await r.view(user, draft.id)).body.attachments[0].id as string;

    const receipt = await r.submit(user, submitted.id);
    expect(receipt.status).toBe(201);
    expect(new Date(receipt.body.submittedAt).getTime()).toBeLessThan(new Date(programme.closesAt).getTime());

    const view = await r.view(user, draft.id).expect(200);
    expect(view.body.deadline).toBe(programme.closesAt);
    expect(view.body.deadlineText.en).toContain(`${wall(programme.closesAt, 3).text} Moscow time`);
    expect(view.body.deadlineText.en).toContain(`${wall(programme.closesAt, 10).text} Asia/Vladivostok (UTC+10)`);

    await waitUntilPast(t, programme.closesAt);

    const late: [string, () => Promise<Response>][] = [
      ['submit a draft', () => r.submit(user, draft.id)],
      ['resubmit', () => r.submit(user, submitted.id)],
      ['edit a draft', () => r.patch(user, draft.id, { title: 'Поздно' })],
      ['edit a submitted bid', () => r.patch(user, submitted.id, { summary: 'Поздно' })],
      ['upload', () => r.upload(user, draft.id, A_PDF, { fileName: 'late.pdf' })],
      ['remove an attachment', () => r.removeAttachment(user, draft.id, attachmentId)],
      ['withdraw', () => r.withdraw(user, submitted.id)],
      ['check', () => r.check(user, draft.id)],
      ['start a new bid', () => r.create(user, programme.id, { title: 'Поздно' })],
    ];
    for (const [what, call] of late) {
      const response = await expectNothingWritten(t, call);
      try {
        expectDeadlinePassed(response, programme.closesAt, 'Asia/Vladivostok', 10);
      } catch (error) {
        throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}\n${error}`);
      }
    }

    // a Moscow cluster reads the deadline once, not "Moscow time (Moscow time)"
    const moscowLate = await expectNothingWritten(t, () => r.submit(moscow.user, moscowDraft));
    expectError(moscowLate, 409, 'SUBMISSION_DEADLINE_PASSED');
    expect(moscowLate.body.error.message).toBe(
      `The deadline passed at ${wall(programme.closesAt, 3).text} Moscow time; the bid can no longer change`,
    );
    expect(moscowLate.body.error.details.map((d: { message: string }) => d.message)).toEqual([
      wall(programme.closesAt, 3).iso,
      wall(programme.closesAt, 3).iso,
    ]);

    // what was submitted in time stands, and can still be read
    const after = await r.view(user, submitted.id).expect(200);
    expect(after.body).toMatchObject({ status: 'submitted', currentVersion: 1, registrationNumber: receipt.body.registrationNumber });
    await r.versions(user, submitted.id).expect(200);
  });

  it('gives one cluster a later deadline: it may still submit after the programme deadline, the others get 409', async () => {
    const a = await anApplicantWithCluster(t, ministry, { regionCode: 'RU-PRI', timeZone: 'Asia/Vladivostok' });
    const b = await anApplicantWithCluster(t, ministry, { regionCode: 'RU-NVS', timeZone: 'Asia/Novosibirsk' });
    const programme = await openProgramme(t, ministry, { closesAt: secondsAhead(2500) });
    const draftA = await aCompleteDraft(t, a.user, programme.id);
    const draftB = await aCompleteDraft(t, b.user, programme.id);
    const extended = new Date(new Date(programme.closesAt).getTime() + 2000).toISOString();
    const reason = 'Documented outage of the regional e-signature service';

    const granted = await r.grantExtension(ministry, programme.id, { clusterId: a.cluster.id, closesAt: extended, reason }).expect(201);
    expect(granted.body).toMatchObject({ clusterId: a.cluster.id, closesAt: extended, reason, grantedBy: ministry.id });
    const [audit] = await auditRows(t, programme.id, 'programme.extension_granted');
    expect(audit).toMatchObject({
      actor_id: ministry.id,
      actor_role: 'ministry',
      before: null,
      after: { clusterId: a.cluster.id, reason },
    });
    expect(new Date(audit.after!.closesAt as string).toISOString()).toBe(extended);

    const list = await t
      .http()
      .get(`${API}/programmes/${programme.id}/extensions`)
      .set((await t.user('auditor')).auth)
      .expect(200);
    expect(list.body).toEqual({ items: [expect.objectContaining({ clusterId: a.cluster.id, closesAt: extended })], total: 1 });
    expect((await r.view(a.user, draftA.id)).body.deadline).toBe(extended);
    expect((await r.view(b.user, draftB.id)).body.deadline).toBe(programme.closesAt);

    await waitUntilPast(t, programme.closesAt);
    const lateB = await expectNothingWritten(t, () => r.submit(b.user, draftB.id));
    expectDeadlinePassed(lateB, programme.closesAt, 'Asia/Novosibirsk', 7);
    const receiptA = await r.submit(a.user, draftA.id);
    expect(receiptA.status).toBe(201);
    expect(new Date(receiptA.body.submittedAt).getTime()).toBeGreaterThanOrEqual(new Date(programme.closesAt).getTime());

    // the call cannot close while an extension is still running
    const closing = await expectNothingWritten(t, () => r.setStatus(ministry, programme.id, 'closed'));
    expect(closing.status).toBe(409);

    await waitUntilPast(t, extended);
    const lateA = await expectNothingWritten(t, () => r.patch(a.user, draftA.id, { title: 'Поздно' }));
    expectDeadlinePassed(lateA, extended, 'Asia/Vladivostok', 10);
    await r.setStatus(ministry, programme.id, 'closed').expect(200);
  });

  it('refuses an extension that is not after the programme deadline, a short reason, an unknown cluster and a closed call', async () => {
    const { cluster } = await anApplicantWithCluster(t, ministry);
    const programme = await openProgramme(t, ministry);
    const closes = new Date(programme.closesAt).getTime();
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ closesAt: new Date(closes - 1000).toISOString() }, 400, 'closesAt', 'afterProgrammeDeadline'],
      [{ closesAt: programme.closesAt }, 400, 'closesAt', 'afterProgrammeDeadline'],
      [{ reason: 'too short' }, 400, 'reason', 'isLength'],
      [{ closesAt: '2030-01-01T00:00:00' }, 400, 'closesAt', 'matches'],
      [{ clusterId: 'not-a-uuid' }, 400, 'clusterId', 'isUuid'],
    ];
    for (const [override, status, field, rule] of cases) {
      const body = {
        clusterId: cluster.id,
        closesAt: new Date(closes + HOUR).toISOString(),
        reason: 'Outage of the e-signature service',
        ...override,
      };
      const response = await expectNothingWritten(t, () => r.grantExtension(ministry, programme.id, body));
      expect({ status: response.status, details: response.body.error.details }).toEqual({
        status,
        details: expect.arrayContaining([detail(field, rule)]),
      });
    }
    const unknownCluster = await expectNothingWritten(t, () =>
      r.grantExtension(ministry, programme.id, {
        clusterId: '00000000-0000-4000-8000-000000000000',
        closesAt: new Date(closes + HOUR).toISOString(),
        reason: 'Outage of the e-signature service',
      }),
    );
    expect(unknownCluster.status).toBe(404);

    const draftProgramme = await t
      .http()
      .post(`${API}/programmes`)
      .set(ministry.auth)
      .send({ code: `DRAFT-${Date.now()}`, titleRu: 'Черновик', titleEn: 'Draft' });
    expect(draftProgramme.status).toBe(201);
    const onDraft = await expectNothingWritten(t, () =>
      r.grantExtension(ministry, draftProgramme.body.id, {
        clusterId: cluster.id,
        closesAt: new Date(closes + HOUR).toISOString(),
        reason: 'Outage of the e-signature service',
      }),
    );
    expect(onDraft.status).toBe(409);
  });

  it('lets only the ministry grant extensions (403 for applicant, auditor, commissioner; 401 anonymous)', async () => {
    const { user, cluster } = await anApplicantWithCluster(t, ministry);
    const programme = await openProgramme(t, ministry);
    const body = {
      clusterId: cluster.id,
      closesAt: new Date(new Date(programme.closesAt).getTime() + HOUR).toISOString(),
      reason: 'Outage of the e-signature service',
    };
    for (const caller of [user, await t.user('auditor'), await t.user('commissioner')]) {
      const response = await expectNothingWritten(t, () => r.grantExtension(caller, programme.id, body));
      expect(response.status).toBe(403);
    }
    await expectNothingWritten(t, () => t.http().post(`${API}/programmes/${programme.id}/extensions`).send(body).expect(401));
    await t.http().get(`${API}/programmes/${programme.id}/extensions`).set(user.auth).expect(403);
  });

  it('replaces a cluster extension when granted again, keeping the earlier one in the audit log', async () => {
    const { cluster } = await anApplicantWithCluster(t, ministry);
    const programme = await openProgramme(t, ministry);
    const closes = new Date(programme.closesAt).getTime();
    const first = new Date(closes + HOUR).toISOString();
    const second = new Date(closes + 2 * HOUR).toISOString();
    await r
      .grantExtension(ministry, programme.id, { clusterId: cluster.id, closesAt: first, reason: 'Outage of the e-signature service' })
      .expect(201);
    await r
      .grantExtension(ministry, programme.id, { clusterId: cluster.id, closesAt: second, reason: 'Outage continued for another hour' })
      .expect(201);
    const { rows } = await t.db.query('SELECT closes_at FROM programme_extensions WHERE programme_id = $1', [programme.id]);
    expect(rows.map((row) => (row.closes_at as Date).toISOString())).toEqual([second]);
    const audits = await auditRows(t, programme.id, 'programme.extension_granted');
    expect(audits).toHaveLength(2);
    expect(audits[1].before).toMatchObject({ clusterId: cluster.id, reason: 'Outage of the e-signature service' });
  });

  it('answers 404 for the extensions of a programme that does not exist', async () => {
    await t.http().get(`${API}/programmes/00000000-0000-4000-8000-000000000000/extensions`).set(ministry.auth).expect(404);
  });
});
