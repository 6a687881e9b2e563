import { binary } from '../submissions/api-helpers';
import { createTestApp, TestApp, TestUser } from '../support/test-app';
import {
  aMember,
  API,
  aProgrammeInScoring,
  assignments,
  detail,
  expectError,
  fullScores,
  JUSTIFICATION,
  Member,
  runAssignment,
  saveScores,
  scoreFully,
  ScoringProgramme,
  submitReview,
} from './helpers';

const CONSENSUS = 'Консенсус комиссии: качество программы признано средним после обсуждения всех замечаний.';

describe('scoring by the commission', () => {
  let t: TestApp;
  let ministry: TestUser;
  let programme: ScoringProgramme;
  let chair: Member;
  let members: Member[];
  /** review ids by bid index, each with its member */
  let reviewsOf: (bidIndex: number) => Promise<{ id: string; member: Member }[]>;
  const byId = (memberId: string) => members.find((m) => m.id === memberId)!;
  const scores = (as: TestUser = ministry) => t.http().get(`${API}/programmes/${programme.id}/scores`).set(as.auth);
  const consensus = (as: TestUser, bidId: string, body: unknown[]) =>
    t.http().put(`${API}/programmes/${programme.id}/scores/consensus/${bidId}`).set(as.auth).send({ scores: body });
  const progress = () => t.http().get(`${API}/programmes/${programme.id}/scores/progress`).set(ministry.auth).expect(200);
  const close = () => t.http().post(`${API}/programmes/${programme.id}/commission/close`).set(ministry.auth);

  beforeAll(async () => {
    t = await createTestApp();
    ministry = await t.user('ministry');
    programme = await aProgrammeInScoring(t, ministry, { bids: 2, rules: { reviewersPerBid: 2 } });
    // the chair does not review (cap 0): the four members take the four reviews
    chair = await aMember(t, ministry, programme.id, { role: 'chair', loadCap: 0 });
    members = [chair];
    for (let i = 0; i < 4; i++) members.push(await aMember(t, ministry, programme.id, { loadCap: 1 }));
    await runAssignment(t, ministry, programme.id, { seed: 11 }).expect(200);
    reviewsOf = async (bidIndex) =>
      (await assignments(t, ministry, programme.id)).items
        .filter((a) => a.submissionId === programme.bids[bidIndex].id && a.status !== 'recused')
        .map((a) => ({ id: a.id, member: byId(a.memberId) }));
  });
  afterAll(() => t.close());

  describe('a commissioner sees only their own reviews', () => {
    it('lists own reviews; another member’s review is 404', async () => {
      const { items } = await assignments(t, ministry, programme.id);
      for (const member of members.slice(1)) {
        const own = await t.http().get(`${API}/reviews`).set(member.user.auth).expect(200);
        const expected = items.filter((a) => a.memberId === member.id).map((a) => a.id);
        expect(own.body.items.map((r: { id: string }) => r.id).sort()).toEqual(expected.sort());
        expect(own.body.total).toBe(1);
      }
      const [first, second] = await reviewsOf(0);
      const view = await t.http().get(`${API}/reviews/${first.id}`).set(first.member.user.auth).expect(200);
      expect(view.body).toMatchObject({ review: { id: first.id, submissionId: programme.bids[0].id }, minJustificationLength: 50 });
      expect(view.body.bid).toMatchObject({ version: expect.any(Number) });
      expectError(await t.http().get(`${API}/reviews/${first.id}`).set(second.member.user.auth), 404, 'NOT_FOUND');
      expectError(await saveScores(t, second.member.user, first.id, fullScores()), 404, 'NOT_FOUND');
      // the chair without reviews has none
      expect((await t.http().get(`${API}/reviews`).set(chair.user.auth).expect(200)).body.total).toBe(0);
    });

    it('a conflict recorded by staff after assignment hides the review (404) and hands the bid to another member', async () => {
      const spare = await aMember(t, ministry, programme.id, { loadCap: 1 });
      members.push(spare);
      const [, victim] = await reviewsOf(1);
      await saveScores(t, victim.member.user, victim.id, fullScores()).expect(200);
      const recorded = await t
        .http()
        .post(`${API}/programmes/${programme.id}/commission/conflicts`)
        .set(ministry.auth)
        .send({
          memberId: victim.member.id,
          submissionId: programme.bids[1].id,
          kind: 'family',
          reason: 'Родственник руководителя кластера',
        })
        .expect(201);
      expect(recorded.body).toMatchObject({ submissionId: programme.bids[1].id, newMemberIds: [spare.id], problems: [] });
      expectError(await t.http().get(`${API}/reviews/${victim.id}`).set(victim.member.user.auth), 404, 'NOT_FOUND');
      expect((await t.http().get(`${API}/reviews`).set(victim.member.user.auth).expect(200)).body.total).toBe(0);
      const now = await reviewsOf(1);
      expect(now.map((r) => r.member.id)).toContain(spare.id);
      expect(now).toHaveLength(2);
      const { rows } = await t.db.query('SELECT count(*)::int AS n FROM review_scores WHERE assignment_id = $1', [victim.id]);
      expect(rows[0].n).toBe(0);
    });
  });

  describe('scores lie on the scale; a review is submitted complete and then frozen', () => {
    it('refuses an off-step score with 422 naming scores[0].score', async () => {
      const [r] = await reviewsOf(0);
      const refused = await saveScores(t, r.member.user, r.id, [{ criterionCode: 'quality', score: 3.3, justification: 'x' }]);
      expectError(refused, 422, 'SCORING_SCORES_INVALID', [detail('scores[0].score', 'onScale')]);
      const above = await saveScores(t, r.member.user, r.id, [{ criterionCode: 'quality', score: 5.5, justification: 'x' }]);
      expectError(above, 422, 'SCORING_SCORES_INVALID', [detail('scores[0].score', 'onScale')]);
      const unknown = await saveScores(t, r.member.user, r.id, [{ criterionCode: 'nope', score: 3, justification: 'x' }]);
      expectError(unknown, 422, 'SCORING_SCORES_INVALID', [detail('scores[0].criterionCode')]);
      const { rows } = await t.db.query('SELECT count(*)::int AS n FROM review_scores WHERE assignment_id = $1', [r.id]);
      expect(rows[0].n).toBe(0);
    });

    it('refuses to submit with a missing criterion and a short justification, listing each', async () => {
      const [r] = await reviewsOf(0);
      await saveScores(t, r.member.user, r.id, [{ criterionCode: 'quality', score: 1, justification: 'коротко' }]).expect(200);
      const refused = await submitReview(t, r.member.user, r.id);
      expectError(refused, 422, 'SCORING_REVIEW_INCOMPLETE', [
        detail('scores.cofinancing', 'required'),
        detail('scores.quality.justification', 'minLength'),
      ]);
      expect(refused.body.error.details).toHaveLength(2);
      const { rows } = await t.db.query('SELECT status FROM review_assignments WHERE id = $1', [r.id]);
      expect(rows[0].status).toBe('drafted');
    });

    it('shows the panel only after one’s own submit; then others’ submitted scores; submitted scores are immutable', async () => {
      const [a, b] = await reviewsOf(0);
      expectError(await t.http().get(`${API}/reviews/${a.id}/panel`).set(a.member.user.auth), 409, 'SCORING_REVIEW_NOT_SUBMITTED');
      await scoreFully(t, a.member.user, a.id, 1, 4);
      const alone = await t.http().get(`${API}/reviews/${a.id}/panel`).set(a.member.user.auth).expect(200);
      expect(alone.body.scores.map((s: { reviewerId: string }) => s.reviewerId)).toEqual([a.member.id, a.member.id]);

      await scoreFully(
        t,
        b.member.user,
        b.id,
        5,
        4.5,
        'Качество высокое: «кластер 2.0» — убедительная программа развития, всё обосновано.',
      );
      const panel = await t.http().get(`${API}/reviews/${a.id}/panel`).set(a.member.user.auth).expect(200);
      expect(panel.body.scores).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ reviewerId: b.member.id, criterionCode: 'quality', score: 5 }),
          expect.objectContaining({ reviewerId: a.member.id, criterionCode: 'quality', score: 1 }),
        ]),
      );
      expect(panel.body.aggregate.needsConsensus).toEqual(['quality']);

      expectError(await saveScores(t, a.member.user, a.id, fullScores(3, 3)), 409, 'SCORING_REVIEW_SUBMITTED');
      expectError(await submitReview(t, a.member.user, a.id), 409, 'SCORING_REVIEW_SUBMITTED');
      const { rows } = await t.db.query(
        `SELECT score::float8 AS score FROM review_scores WHERE assignment_id = $1 ORDER BY criterion_code`,
        [a.id],
      );
      expect(rows.map((r) => r.score)).toEqual([4, 1]);
      const bid = await t.db.query('SELECT status FROM submissions WHERE id = $1', [programme.bids[0].id]);
      expect(bid.rows[0].status).toBe('scored');
    });
  });

  describe('disagreements above the threshold go to the chair for consensus', () => {
    it('lists the bid with a spread above the threshold among disagreements', async () => {
      const list = await t.http().get(`${API}/programmes/${programme.id}/scores/disagreements`).set(ministry.auth).expect(200);
      expect(list.body.items.map((i: { submissionId: string }) => i.submissionId)).toEqual([programme.bids[0].id]);
      const quality = list.body.items[0].aggregate.criteria.find((c: { criterionCode: string }) => c.criterionCode === 'quality');
      expect(quality).toMatchObject({ spread: 4, disagreement: true, aggregated: 3, final: 3 });
      // the chair sees the queue too
      await t.http().get(`${API}/programmes/${programme.id}/scores/disagreements`).set(chair.user.auth).expect(200);
    });

    it('a commissioner who is not the chair gets 404 on consensus', async () => {
      const [a] = await reviewsOf(0);
      const refused = await consensus(a.member.user, programme.bids[0].id, [
        { criterionCode: 'quality', score: 3, justification: CONSENSUS },
      ]);
      expectError(refused, 404, 'NOT_FOUND');
      expect(refused.body.error.message).not.toMatch(/chair/i);
    });

    it('close is refused while a disagreement awaits consensus, naming the bid and the rule', async () => {
      const refused = await close();
      expectError(refused, 409, 'COMMISSION_NOT_READY_TO_CLOSE', [
        detail(`bids.${programme.bids[0].registrationNumber}`, 'consensus'),
        detail(`bids.${programme.bids[1].registrationNumber}`, 'reviewsSubmitted'),
      ]);
      // a commissioner who is not the chair sees no results at all
      const [a] = await reviewsOf(0);
      expectError(await scores(a.member.user), 404, 'NOT_FOUND');
      await scores(chair.user).expect(200);
    });

    it('the chair’s consensus on a criterion without disagreement is 422', async () => {
      const refused = await consensus(chair.user, programme.bids[0].id, [
        { criterionCode: 'cofinancing', score: 4, justification: CONSENSUS },
      ]);
      expectError(refused, 422, 'SCORING_NO_DISAGREEMENT', [detail('scores.cofinancing', 'disagreement')]);
      const { rows } = await t.db.query('SELECT count(*)::int AS n FROM consensus_scores');
      expect(rows[0].n).toBe(0);
    });

    it('the chair’s consensus on a disputed criterion is 200, becomes the final score, and is audited', async () => {
      const done = await consensus(chair.user, programme.bids[0].id, [{ criterionCode: 'quality', score: 2.5, justification: CONSENSUS }]);
      expect(done.status).toBe(200);
      const results = await scores().expect(200);
      const bid = results.body.items.find((i: { submissionId: string }) => i.submissionId === programme.bids[0].id);
      const quality = bid.aggregate.criteria.find((c: { criterionCode: string }) => c.criterionCode === 'quality');
      expect(quality).toMatchObject({ aggregated: 3, consensus: 2.5, final: 2.5 });
      expect(bid.aggregate.needsConsensus).toEqual([]);
      expect(bid.consensus).toEqual([expect.objectContaining({ criterionCode: 'quality', score: 2.5, justification: CONSENSUS })]);
      const audit = await t
        .http()
        .get(`${API}/audit?action=scoring.consensus_recorded&entityId=${programme.bids[0].id}`)
        .set(ministry.auth)
        .expect(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          actorId: chair.user.id,
          after: expect.objectContaining({ consensus: [{ criterionCode: 'quality', score: 2.5, justification: CONSENSUS }] }),
        }),
      ]);
      const disagreements = await t.http().get(`${API}/programmes/${programme.id}/scores/disagreements`).set(ministry.auth).expect(200);
      // still a disagreement (the reviewers' spread), but settled
      expect(disagreements.body.items[0].aggregate.needsConsensus).toEqual([]);
    });
  });

  describe('progress counts reviews; close waits for every review and consensus; then everything is locked', () => {
    it('counts assigned, drafted and submitted per reviewer and bid; overdue after the due time passes', async () => {
      const [x, y] = await reviewsOf(1);
      await saveScores(t, x.member.user, x.id, [{ criterionCode: 'quality', score: 4, justification: 'черновик' }]).expect(200);
      let p = (await progress()).body;
      const bid1 = () => p.bids.find((b: { submissionId: string }) => b.submissionId === programme.bids[1].id);
      const reviewer = (m: Member) => p.reviewers.find((r: { memberId: string }) => r.memberId === m.id);
      expect(bid1()).toMatchObject({ needed: 2, reviewers: 2, submitted: 0, short: 0, overdue: 0 });
      expect(p.bids.find((b: { submissionId: string }) => b.submissionId === programme.bids[0].id)).toMatchObject({
        reviewers: 2,
        submitted: 2,
      });
      expect(reviewer(x.member)).toMatchObject({ assigned: 1, drafted: 1, notStarted: 0, submitted: 0, overdue: 0 });
      expect(reviewer(y.member)).toMatchObject({ assigned: 1, drafted: 0, notStarted: 1, submitted: 0 });
      expect(p.reviewers.reduce((sum: number, r: { recused: number }) => sum + r.recused, 0)).toBe(1);

      const due = new Date(Date.now() - 60_000).toISOString();
      const patched = await t
        .http()
        .patch(`${API}/programmes/${programme.id}/commission`)
        .set(ministry.auth)
        .send({ reviewDueAt: due })
        .expect(200);
      expect(patched.body.reviewDueAt).toBe(due);
      p = (await progress()).body;
      expect(bid1()).toMatchObject({ overdue: 2 });
      expect(reviewer(x.member)).toMatchObject({ overdue: 1 });
      expect(p.bids.find((b: { submissionId: string }) => b.submissionId === programme.bids[0].id)).toMatchObject({ overdue: 0 });
    });

    it('refuses to close before every review is in, listing the bids (409)', async () => {
      const refused = await close();
      expectError(refused, 409, 'COMMISSION_NOT_READY_TO_CLOSE', [
        detail(`bids.${programme.bids[1].registrationNumber}`, 'reviewsSubmitted'),
      ]);
      expect(refused.body.error.message).toContain(programme.bids[1].registrationNumber);
      expect(refused.body.error.details).toHaveLength(1);
    });

    it('closes when everything is submitted and settled; afterwards scores and consensus are 409 COMMISSION_CLOSED', async () => {
      const [x, y] = await reviewsOf(1);
      await scoreFully(t, x.member.user, x.id, 4, 4);
      await scoreFully(t, y.member.user, y.id, 3.5, 4);
      const closed = await close().expect(200);
      expect(closed.body.closedAt).toEqual(expect.any(String));
      const commission = await t.http().get(`${API}/programmes/${programme.id}/commission`).set(ministry.auth).expect(200);
      expect(commission.body.status).toBe('closed');

      expectError(await saveScores(t, x.member.user, x.id, fullScores()), 409, 'COMMISSION_CLOSED');
      expectError(
        await consensus(chair.user, programme.bids[0].id, [{ criterionCode: 'quality', score: 3, justification: CONSENSUS }]),
        409,
        'COMMISSION_CLOSED',
      );
      expectError(await close(), 409, 'COMMISSION_CLOSED');
      expectError(await runAssignment(t, ministry, programme.id), 409, 'COMMISSION_CLOSED');
      const { rows } = await t.db.query(`SELECT score::float8 AS score FROM consensus_scores`);
      expect(rows).toEqual([{ score: 2.5 }]);
    });
  });

  describe('exports carry every score with its justification', () => {
    it('export.csv has a BOM and the Cyrillic justifications', async () => {
      const response = await t
        .http()
        .get(`${API}/programmes/${programme.id}/scores/export.csv`)
        .set(ministry.auth)
        .buffer(true)
        .parse(binary);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/csv/);
      const body = response.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = body.toString('utf8');
      expect(text).toContain(JUSTIFICATION);
      expect(text).toContain('«кластер 2.0»');
      expect(text).toContain(CONSENSUS);
      expect(text).toContain(programme.bids[0].registrationNumber);
      // 4 submitted reviews × 2 criteria + 1 consensus + header
      expect(text.trim().split('\r\n')).toHaveLength(10);
    });

    it('export.xlsx is a zip', async () => {
      const response = await t
        .http()
        .get(`${API}/programmes/${programme.id}/scores/export.xlsx`)
        .set(ministry.auth)
        .buffer(true)
        .parse(binary);
      expect(response.status).toBe(200);
      expect((response.body as Buffer).subarray(0, 2).toString('latin1')).toBe('PK');
    });

    it('applicants cannot export (403)', async () => {
      const applicant = await t.user('applicant');
      expect((await t.http().get(`${API}/programmes/${programme.id}/scores/export.csv`).set(applicant.auth)).status).toBe(403);
    });
  });
});
