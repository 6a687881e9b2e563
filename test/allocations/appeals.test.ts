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
import { createTestApp, type TestApp, type TestUser } from '../support/test-app';

const GROUNDS = 'Комиссия не учла письмо субъекта о софинансировании, приложенное к заявке; просим пересмотреть оценку.';
const REASONING = 'Письмо субъекта подтверждено; оценка по критерию софинансирования пересмотрена, распределение пересчитано.';

describe('appeals against published results', () => {
  let t: TestApp;
  let ministry: TestUser;
  let auditor: TestUser;
  let applicants: TestUser[];
  let programme: ScoringProgramme;
  const fileAppeal = (as: TestUser, bidIndex: number, grounds = GROUNDS) =>
    t.http().post(`${API}/submissions/${programme.bids[bidIndex].id}/appeal`).set(as.auth).send({ grounds });

  beforeAll(async () => {
    t = await createTestApp();
    ministry = await t.user('ministry');
    auditor = await t.user('auditor');
    programme = await aProgrammeInScoring(t, ministry, { bids: 3, rules: { reviewersPerBid: 1, appealWindowDays: 10 } });
    applicants = await Promise.all(programme.bids.map((bid) => t.user('applicant', { clusterId: bid.clusterId })));
    const chair = await aMember(t, ministry, programme.id, { role: 'chair' });
    expect((await runAssignment(t, ministry, programme.id)).status).toBe(200);
    for (const review of (await assignments(t, ministry, programme.id)).items) await scoreFully(t, chair.user, review.id, 4, 4);
    expect((await t.http().post(`${API}/programmes/${programme.id}/commission/close`).set(ministry.auth)).status).toBe(200);
    expect((await t.http().post(`${API}/programmes/${programme.id}/ranking`).set(ministry.auth)).status).toBe(200);
  });

  afterAll(() => t.close());

  it('refuses an appeal before the results are published', async () => {
    expectError(await fileAppeal(applicants[0], 0), 409, 'APPEAL_RESULTS_NOT_PUBLISHED');
  });

  it('files one appeal per bid, only by its own cluster, within the window counted from publication', async () => {
    const run = await t.http().post(`${API}/programmes/${programme.id}/allocation-runs`).set(ministry.auth).send({}).expect(201);
    await t.http().post(`${API}/programmes/${programme.id}/allocation-runs/${run.body.id}/publish`).set(ministry.auth).send({}).expect(200);
    const filed = await fileAppeal(applicants[0], 0).expect(201);
    expect(filed.body).toEqual(
      expect.objectContaining({
        submissionId: programme.bids[0].id,
        runId: run.body.id,
        status: 'filed',
        resolution: null,
        grounds: GROUNDS,
      }),
    );
    const { rows } = await t.db.query(`SELECT published_at + interval '10 days' AS closes FROM allocation_runs WHERE id = $1`, [
      run.body.id,
    ]);
    expect(filed.body.windowClosesAt).toBe(rows[0].closes.toISOString());
    expectError(await fileAppeal(applicants[0], 0), 409, 'APPEAL_ALREADY_FILED');
    expectError(await fileAppeal(applicants[1], 0), 404, 'NOT_FOUND');
    expect((await fileAppeal(ministry, 1)).status).toBe(403);
    expect((await fileAppeal(applicants[1], 1, 'too short')).status).toBe(400);
    const audit = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'appeal.filed' AND entity_id = $1`, [
      filed.body.id,
    ]);
    expect(audit.rows[0].n).toBe(1);
  });

  it('shows an appeal to its cluster and to staff, never to another cluster', async () => {
    const own = await t.http().get(`${API}/submissions/${programme.bids[0].id}/appeal`).set(applicants[0].auth).expect(200);
    expect(own.body.status).toBe('filed');
    expect((await t.http().get(`${API}/submissions/${programme.bids[0].id}/appeal`).set(applicants[1].auth)).status).toBe(404);
    const queue = await t.http().get(`${API}/programmes/${programme.id}/appeals`).set(auditor.auth).expect(200);
    expect(queue.body.total).toBe(1);
  });

  it('ministry resolves an appeal once, with reasoning; the resolution is final and audited', async () => {
    const { body: queue } = await t.http().get(`${API}/programmes/${programme.id}/appeals`).set(ministry.auth).expect(200);
    const resolve = (body: Record<string, unknown>) =>
      t.http().post(`${API}/appeals/${queue.items[0].id}/resolve`).set(ministry.auth).send(body);
    expect((await resolve({ decision: 'maybe', reasoning: REASONING })).status).toBe(400);
    const upheld = await resolve({ decision: 'upheld', reasoning: REASONING }).expect(200);
    expect(upheld.body).toEqual(expect.objectContaining({ status: 'upheld', resolution: REASONING, resolvedAt: expect.any(String) }));
    expectError(await resolve({ decision: 'rejected', reasoning: REASONING }), 409, 'APPEAL_ALREADY_RESOLVED');
    const own = await t.http().get(`${API}/submissions/${programme.bids[0].id}/appeal`).set(applicants[0].auth).expect(200);
    expect(own.body.resolution).toBe(REASONING);
    const audit = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'appeal.upheld'`);
    expect(audit.rows[0].n).toBe(1);
  });

  it('closes the window by the database clock', async () => {
    await t.db.query(`UPDATE programmes SET appeal_window_days = 0 WHERE id = $1`, [programme.id]);
    const before = await t.db.query('SELECT count(*)::int AS n FROM appeals');
    expectError(await fileAppeal(applicants[2], 2), 409, 'APPEAL_WINDOW_CLOSED');
    expect((await t.db.query('SELECT count(*)::int AS n FROM appeals')).rows[0].n).toBe(before.rows[0].n);
  });
});
